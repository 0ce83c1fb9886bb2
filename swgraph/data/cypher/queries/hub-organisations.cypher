// Hub organisations: who is tied to the most other organisations
// For each organisation, the distinct other organisations it is tied to in the collaboration
// graph (partners): through an agreement, event, programme or other tie it is a party to, or
// through a person holding posts in both (an interlock); and how many such records it takes
// part in. `partners` is the same number as `swgraph analyze`'s degree.
// Hubs are where a planner's message travels fastest.
// The pair rule is swgraph.graph.collaboration_pairs: agreement and tie parties pairwise; a programme's
// owner with each participant; a hosted visit's visitors with the host and its participants with each other;
// any other event's host, visitors and participants pairwise.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param limit int = 10  how many organisations to list
MATCH (o:Organisation {dataset: $dataset})
OPTIONAL MATCH (o)-[ra]-(rec:Record)-[rb]-(other:Organisation)
WHERE other <> o
  AND (((rec:Agreement OR rec:Tie) AND type(ra) = 'PARTY_TO' AND type(rb) = 'PARTY_TO')
    OR (rec:Programme AND [type(ra), type(rb)] IN [['RUNS', 'PARTICIPATES_IN'], ['PARTICIPATES_IN', 'RUNS']])
    OR (rec:Event AND rec.subtype = 'visit' AND EXISTS { (rec)-[:HOSTED_BY]->(:Organisation) }
        AND [type(ra), type(rb)] IN [['VISITED', 'HOSTED_BY'], ['HOSTED_BY', 'VISITED'], ['TOOK_PART_IN', 'TOOK_PART_IN']])
    OR (rec:Event AND NOT (rec.subtype = 'visit' AND EXISTS { (rec)-[:HOSTED_BY]->(:Organisation) })
        AND type(ra) IN ['HOSTED_BY', 'VISITED', 'TOOK_PART_IN'] AND type(rb) IN ['HOSTED_BY', 'VISITED', 'TOOK_PART_IN']))
WITH o, collect(DISTINCT other.id) AS via_records, count(DISTINCT rec) AS records
OPTIONAL MATCH (o)<-[:AT]-(:Post)<-[:HOLDS]-(:Person)-[:HOLDS]->(:Post)-[:AT]->(peer:Organisation)
WHERE peer <> o
WITH o, records, via_records, collect(DISTINCT peer.id) AS via_people
WITH o, records, via_records + via_people AS ids
UNWIND ids AS pid
WITH o, records, pid
ORDER BY pid
WITH o, records, collect(DISTINCT pid) AS partner_ids
RETURN o.id AS id, o.name_zh AS name_zh, o.kind AS kind, size(partner_ids) AS partners, records, partner_ids
ORDER BY partners DESC, records DESC, id
LIMIT $limit
