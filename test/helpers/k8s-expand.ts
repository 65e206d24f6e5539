/**
 * Kubernetes' expansion of `$(NAME)` references in a container's command and args, as the kubelet does it
 * (k8s.io/kubernetes third_party/forked/golang/expansion): `$$` is a literal `$`, `$(NAME)` becomes the
 * variable's value when it is defined and stays as written when not, anything else is copied. Tests use it
 * to run a manifest's command line locally exactly as a pod would.
 */
export function k8sExpand(input: string, env: Readonly<Record<string, string>>): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let advance: number;
    if (rest[0] === "$") {
      read = "$";
      advance = 1;
    } else if (rest[0] === "(") {
      const close = rest.indexOf(")", 1);
      if (close < 0) {
        read = "$(";
        advance = 1;
      } else {
        const name = rest.slice(1, close);
        read = Object.hasOwn(env, name) ? env[name]! : `$(${name})`;
        advance = close + 1;
      }
    } else {
      read = `$${rest[0]}`;
      advance = 1;
    }
    out += read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
