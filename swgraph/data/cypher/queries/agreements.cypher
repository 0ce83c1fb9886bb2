// Agreements: who signed what with whom, and when
// Every cooperation agreement with its parties (in the order the record lists them), the
// signing date (with whether it is inferred) and the sources that document it.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param org organisation = null  only agreements this organisation (id or name) is party to
MATCH (a:Agreement {dataset: $dataset})
MATCH (p:Organisation)-[r:PARTY_TO]->(a)
WITH a, p, r
ORDER BY r.index
WITH a, collect(p.id) AS parties, collect(p.name_zh) AS party_names
WHERE $org IS NULL OR $org IN parties
RETURN a.id AS id, a.title_zh AS title_zh, a.subtype AS subtype, a.signed AS signed,
       coalesce(a.signed_inferred, false) AS signed_inferred, parties, party_names,
       COLLECT { MATCH (a)-[:CITES]->(s:Source) RETURN DISTINCT s.id AS s ORDER BY s } AS sources
ORDER BY signed, id
