-- ocsd_dictionary_rules: ocsd's software dictionary rules, applied to the
-- names dico_soft has no exact entry for (dictionary/rule.go): KIND is
-- IEXACT, PREFIX or REGEXP (RE2); lower PRIORITY first, then ID.
CREATE TABLE IF NOT EXISTS "ocsd_dictionary_rules" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "KIND" TEXT NOT NULL,
  "PATTERN" TEXT NOT NULL,
  "FORMATTED" TEXT NOT NULL,
  "PRIORITY" INTEGER NOT NULL DEFAULT 100,
  "CREATED" TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS "ocsd_dictionary_rules_KIND_PATTERN" ON "ocsd_dictionary_rules" ("KIND", "PATTERN");
