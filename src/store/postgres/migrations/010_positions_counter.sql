-- "Two shoulders" is kept in memory per unit and day until a post or an organization is written
-- (app/registry/figure_cache.h): its own counter, so a participation does not clear it.
INSERT INTO change_counters(name, n) VALUES ('positions', 0);
