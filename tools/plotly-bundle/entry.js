// Plotly partial bundle for Sigue el Dinero: only what our charts use (debt/, states/ and
// commitments/ charts.py: scatter, bar and choropleth traces, shapes, annotations, legend,
// hover). It is plotly.js/src/core.js without the components no chart of ours uses (3D
// annotations, images, menus, sliders, range slider and selector, error bars): plotly looks
// components up through its registry, so leaving them out is safe.
// country-iso-search and d3-geo-projection are stubbed (stubs/, package.json): our maps bring
// their own GeoJSON, drawn in plotly's default projection (in d3-geo), and never use
// locationmode "country names".
require('native-promise-only');
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var plotApi = require('plotly.js/src/plot_api');

var Plotly = { version: require('plotly.js/src/version').version, register: Registry.register };
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== '_') { Plotly[name] = plotApi[name]; }
  Registry.register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

Registry.register(require('plotly.js/src/traces/scatter'));
Registry.register([
  require('plotly.js/src/components/annotations'),
  require('plotly.js/src/components/selections'),
  require('plotly.js/src/components/shapes'),
  require('plotly.js/src/components/grid'),
  require('plotly.js/src/components/colorscale'),
  require('plotly.js/src/components/colorbar'),
  require('plotly.js/src/components/legend'), // after shapes (plotly's order)
  require('plotly.js/src/components/fx'), // after legend (plotly's order)
  // Hidden (displayModeBar: false), but the plots read its layout defaults.
  require('plotly.js/src/components/modebar')
]);
Registry.register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);

Registry.register([
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/choropleth'),
  require('plotly.js/lib/locales/es')
]);
module.exports = Plotly;
