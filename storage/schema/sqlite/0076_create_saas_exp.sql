-- saas_exp: DNS patterns naming a SaaS product.
CREATE TABLE IF NOT EXISTS "saas_exp" (
  "ID" INTEGER PRIMARY KEY AUTOINCREMENT,
  "NAME" TEXT NOT NULL,
  "DNS_EXP" TEXT NOT NULL
);
