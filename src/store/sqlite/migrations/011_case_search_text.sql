-- The words of a case as people type them in a search box: title and body folded by core
-- (core/text_fold.h: case, diacritics and đ = d, punctuation to spaces), so "cau treo" finds
-- "Cầu treo". Written when a case is stored; rows from before this migration are filled when the
-- store is first opened (sqlite_store.cpp, FillDerivedColumns), since SQL cannot fold.
ALTER TABLE cases ADD COLUMN search_text TEXT;
