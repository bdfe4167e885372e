-- The identifiers a government site shows in its footer (网站标识码 and the
-- 公安备案 number, beside the ICP filing), and the procuratorate's home-page
-- block for the 12309 China Procuratorate Network and 案件信息公开.
ALTER TABLE site ADD COLUMN site_code TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN police_filing TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN show_12309 INTEGER NOT NULL DEFAULT 0 CHECK (show_12309 IN (0, 1));
