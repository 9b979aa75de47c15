// Plotly partial bundle for Sigue el Dinero: only the trace types our charts use.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
  require('plotly.js/lib/scatter'),
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/pie'),
  require('plotly.js/lib/choropleth'),
  require('plotly.js/lib/locales/es')
]);
module.exports = Plotly;
