// Figures about an organisation
// Every documented statistic whose subject is the given organisation (or person, or record),
// with its date, qualifier and source quotes.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param subject entity = gd-swa  the subject: an organisation, person or record (id or name)
MATCH (s:Statistic {dataset: $dataset})-[:ABOUT]->(x:SwgraphNode {id: $subject})
RETURN s.measure AS measure, s.measure_zh AS measure_zh, s.value AS value, s.unit AS unit,
       s.qualifier AS qualifier, s.as_of AS as_of, coalesce(s.as_of_inferred, false) AS as_of_inferred,
       COLLECT { MATCH (s)-[c:CITES]->(:Source) RETURN c.quote AS quote ORDER BY c.index } AS quotes
ORDER BY measure
