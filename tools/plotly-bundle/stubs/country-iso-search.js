// Stands in for country-iso-search (67 KB): only locationmode "country names" uses it, and
// our maps match their own GeoJSON by id.
module.exports = {
  COUNTRIES: [],
  createLookup: function () { return { lookupAlpha3: function () { return undefined; } }; }
};
