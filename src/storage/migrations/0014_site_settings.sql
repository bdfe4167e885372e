-- procura schema v14: site settings an administrator changes in the
-- newsroom (issue 14), and what the publishing outputs need (issue 16).
--
-- public_url: the site's public address ("https://www.example.gov.cn", no
--   trailing slash; '' = not configured). Canonical links, feeds, the
--   sitemap and robots.txt use it.
-- description, second_description: the site's description in each
--   language, for search engines and feed readers.
-- show_byline_labels: 1 shows the seed's "作者：" and "来源：" labels on an
--   article even when they are empty (some sites' templates require them).
-- robots_disallow: path prefixes, one per line, that robots.txt asks
--   crawlers not to visit.
ALTER TABLE site ADD COLUMN public_url TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN second_description TEXT NOT NULL DEFAULT '';
ALTER TABLE site ADD COLUMN show_byline_labels INTEGER NOT NULL DEFAULT 0
  CHECK (show_byline_labels IN (0, 1));
ALTER TABLE site ADD COLUMN robots_disallow TEXT NOT NULL DEFAULT '';
