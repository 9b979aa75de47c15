// Stands in for d3-geo-projection (65 KB of extra map projections): our maps use plotly's
// default projection (equirectangular), which d3-geo provides.
module.exports = {};
