// Prefecture coverage: prefectures with and without an association, per province
// Documented figures (statistics prefecture_level_cities and prefectures_with_industry_org)
// next to the municipal associations the graph holds for that province. The gap is how many
// prefectures still lack a social-work industry organisation.
// @param dataset string  dataset id (default: the only dataset loaded)
MATCH (s:Statistic {dataset: $dataset})
WHERE s.measure IN ['prefecture_level_cities', 'prefectures_with_industry_org'] AND s.province IS NOT NULL
WITH s.province AS province,
     max(CASE WHEN s.measure = 'prefecture_level_cities' THEN toInteger(s.value) END) AS prefectures,
     max(CASE WHEN s.measure = 'prefectures_with_industry_org' THEN toInteger(s.value) END) AS with_association
OPTIONAL MATCH (o:MunicipalAssociation {dataset: $dataset, province: province})
WITH province, prefectures, with_association, count(o) AS municipal_associations_in_graph
RETURN province, prefectures, with_association, prefectures - with_association AS without_association,
       municipal_associations_in_graph
ORDER BY province
