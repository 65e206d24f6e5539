DROP TABLE profiles;
DROP INDEX runs_status;
DROP TABLE runs;
