// Hub organisations: who is tied to the most other organisations
// For each organisation, the distinct other organisations it shares an agreement, event,
// programme or other tie with (partners), and how many such records it takes part in.
// Hubs are where a planner's message travels fastest.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param limit int = 10  how many organisations to list
MATCH (o:Organisation {dataset: $dataset})--(rec:Record)--(other:Organisation)
WHERE (rec:Agreement OR rec:Event OR rec:Programme OR rec:Tie) AND other <> o
WITH o, rec, other
ORDER BY other.id
WITH o, collect(DISTINCT other.id) AS partner_ids, count(DISTINCT rec) AS records
RETURN o.id AS id, o.name_zh AS name_zh, o.kind AS kind, size(partner_ids) AS partners, records, partner_ids
ORDER BY partners DESC, records DESC, id
LIMIT $limit
