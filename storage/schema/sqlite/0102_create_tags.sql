-- tags: which TAG values each console login may see.
CREATE TABLE IF NOT EXISTS "tags" (
  "Tag" TEXT NOT NULL DEFAULT '',
  "Login" TEXT NOT NULL DEFAULT '',
  PRIMARY KEY ("Tag", "Login")
);
CREATE INDEX IF NOT EXISTS "tags_Tag" ON "tags" ("Tag");
CREATE INDEX IF NOT EXISTS "tags_Login" ON "tags" ("Login");
