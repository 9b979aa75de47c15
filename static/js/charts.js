/*
 * Draw every Plotly figure embedded in the page.
 *
 * A chart is a container <div class="chart__plot" data-figure="ID" hidden> plus the figure's
 * JSON in <script type="application/json" id="ID"> (Django's json_script). The figure
 * is {data: [...], layout: {...}, config: {...}}, built in Python (each app's charts.py).
 * Without JavaScript the container stays hidden, and the data table under it carries the
 * same figures (it is also the text alternative for screen readers).
 */
(function () {
  "use strict";

  // No mode bar: its buttons would be keyboard traps inside a role="img" container.
  var BASE_CONFIG = { responsive: true, displayModeBar: false };

  // Plotly's "es" locale writes numbers as in Spain (1 234,5). Mexico writes 1,234.5
  // and, like all Spanish, month and day names in lowercase. Texts fall back to "es".
  var ES_MX_LOCALE = {
    moduleType: "locale",
    name: "es-mx",
    dictionary: {},
    format: {
      days: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
      shortDays: ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
      months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre"],
      shortMonths: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct",
        "nov", "dic"],
      date: "%d/%m/%Y",
      decimal: ".",
      thousands: ","
    }
  };

  function readFigure(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      console.error("Figura no válida: " + id, error);
      return null;
    }
  }

  function drawChart(container) {
    var figure = readFigure(container.getAttribute("data-figure"));
    if (!figure || !window.Plotly) { return; }
    var config = Object.assign({}, BASE_CONFIG, figure.config || {});
    config.locale = document.documentElement.lang.indexOf("es") === 0 ? "es-mx" : "en";
    container.hidden = false;
    var layout = Object.assign({}, figure.layout || {});
    if (layout.geo && container.clientWidth < 600) {
      // Mexico is about 1.6 times wider than tall: on a phone, shrink the height with it.
      layout.height = Math.round(container.clientWidth * 0.7);
    }
    window.Plotly.newPlot(container, figure.data || [], layout, config).then(function () {
      container.setAttribute("data-drawn", "true");
    });
  }

  // Plotly's geo charts fetch a world base map from cdn.plot.ly, even when it is hidden.
  // Our maps bring their own GeoJSON (served by the portal) and hide the base map, so an
  // empty base topology, registered under the name Plotly looks up, is all it needs.
  function provideEmptyBaseMap() {
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
    assets.topojson = assets.topojson || {};
    ["world_110m", "world_50m"].forEach(function (name) {
      if (!assets.topojson[name]) {
        assets.topojson[name] = { type: "Topology", objects: {}, arcs: [] };
      }
    });
  }

  function drawAll() {
    if (!window.Plotly) { return; }
    window.Plotly.register(ES_MX_LOCALE);
    provideEmptyBaseMap();
    var containers = document.querySelectorAll("[data-figure]");
    Array.prototype.forEach.call(containers, drawChart);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
