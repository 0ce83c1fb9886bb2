// Organisation profile: everything the graph knows about one organisation
// Hierarchy, people and their posts, agreements and ties, events hosted and attended,
// programmes run, figures reported about it, and the sources behind it.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param org organisation = cfsw  organisation (id or name)
MATCH (o:Organisation {dataset: $dataset, id: $org})
RETURN o.id AS id, o.name_zh AS name_zh, o.name_en AS name_en, o.kind AS kind, o.region AS region,
       o.founded AS founded,
       COLLECT { MATCH (o)-[:MEMBER_OF|PART_OF]->(up) RETURN up.id AS x } AS belongs_to,
       COLLECT { MATCH (o)<-[:MEMBER_OF|PART_OF]-(down) RETURN down.id AS x ORDER BY x } AS units,
       COLLECT { MATCH (p:Person)-[:HOLDS]->(post:Post)-[:AT]->(o)
                 RETURN p.name_zh + ' ' + post.role_zh AS x ORDER BY p.id, post.id } AS people,
       COLLECT { MATCH (o)-[:PARTY_TO]->(a:Agreement) RETURN a.id AS x ORDER BY x } AS agreements,
       COLLECT { MATCH (o)-[:PARTY_TO]->(t:Tie) RETURN t.id AS x ORDER BY x } AS ties,
       COLLECT { MATCH (e:Event)-[:HOSTED_BY]->(o) RETURN e.id AS x ORDER BY e.date, x } AS events_hosted,
       COLLECT { MATCH (o)-[:VISITED|TOOK_PART_IN]->(e:Event) RETURN DISTINCT e.id AS x ORDER BY x } AS events_attended,
       COLLECT { MATCH (o)-[:RUNS]->(p:Programme) RETURN p.id AS x ORDER BY x } AS programmes_run,
       COUNT { (s:Statistic)-[:ABOUT]->(o) } AS statistics,
       COLLECT { MATCH (o)-[:CITES]->(s:Source) RETURN DISTINCT s.id AS x ORDER BY x } AS sources
