/*
 * Draw every Plotly figure embedded in the page, when it comes into view.
 *
 * A chart is a container <div class="chart__plot" data-figure="ID"> whose height is reserved
 * by the template (an empty SVG sized by its attributes, includes/_chart_space.html, so nothing
 * moves when it is drawn), plus the figure's JSON in <script type="application/json" id="ID">
 * (Django's json_script). The figure is {data: [...], layout: {...}, config: {...}}, built in
 * Python (each app's charts.py). Plotly draws over the reserved space (portal.css), at its height.
 * Without JavaScript the container is hidden (portal.css, @media (scripting: none)), and the data
 * table under it carries the same figures (it is also the text alternative for screen readers).
 *
 * The first paint never waits for Plotly: this script is deferred, it asks for Plotly (the URL
 * in its data-plotly attribute) only when the first chart nears the viewport, and it draws each
 * chart when the chart enters the viewport.
 */
(function () {
  "use strict";

  // No mode bar: its buttons would be keyboard traps inside a role="img" container. Not
  // Plotly's own "responsive": on a new width it keeps the margin it made for the legend at the
  // first one, and the legend then covers the axis; charts are drawn again instead (below).
  var BASE_CONFIG = { responsive: false, displayModeBar: false };

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

  var PLOTLY_URL = document.currentScript && document.currentScript.getAttribute("data-plotly");

  function drawChart(container) {
    var figure = readFigure(container.getAttribute("data-figure"));
    if (!figure || !window.Plotly) { return; }
    var config = Object.assign({}, BASE_CONFIG, figure.config || {});
    config.locale = document.documentElement.lang.indexOf("es") === 0 ? "es-mx" : "en";
    var layout = Object.assign({}, figure.layout || {});
    // The height the page reserved (maps shrink with the width on a phone, as Mexico is about
    // 1.6 times wider than tall): the drawing, laid over it, fills it exactly.
    var space = container.querySelector(".chart__space");
    var reserved = (space || container).getBoundingClientRect().height;
    if (reserved > 0) {
      layout.height = reserved;
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

  var plotlyState = "absent";  // "absent" → "loading" → "ready"
  var waiting = [];

  function whenPlotlyReady(callback) {
    if (plotlyState === "ready") { callback(); return; }
    waiting.push(callback);
    loadPlotly();
  }

  function loadPlotly() {
    if (plotlyState !== "absent") { return; }
    plotlyState = "loading";
    // The bundle runs its modules a few at a time, each in its own task (tools/plotly-bundle/
    // build.js), so a tap is never kept waiting long; PlotlyReady resolves after the last one.
    var script = document.createElement("script");
    script.src = PLOTLY_URL;
    script.onload = function () {
      window.PlotlyReady.then(function (Plotly) {
        Plotly.register(ES_MX_LOCALE);
        provideEmptyBaseMap();
        plotlyState = "ready";
        drawOneByOne(waiting.splice(0));
      });
    };
    document.head.appendChild(script);
  }

  // One chart per task: a page of small multiples is not one long task.
  function drawOneByOne(queue) {
    if (!queue.length) { return; }
    queue.shift()();
    setTimeout(function () { drawOneByOne(queue); }, 0);
  }

  function drawWhenReady(container) {
    whenPlotlyReady(function () { drawChart(container); });
  }

  function start() {
    var containers = Array.prototype.slice.call(document.querySelectorAll("[data-figure]"));
    if (!containers.length || !PLOTLY_URL) { return; }
    if (!("IntersectionObserver" in window)) {
      containers.forEach(drawWhenReady);
      return;
    }
    // Plotly is fetched when the first chart comes within 200 px of the screen, so that it is
    // usually ready when the reader gets there; each chart is drawn when it enters the screen
    // (drawing is the costly part: about 0.2 s a chart on a mid-range phone).
    var loader = observe(containers, "200px 0px", function () {
      loader.disconnect();  // one request for Plotly is all it takes
      loadPlotly();
    });
    var drawer = observe(containers, "0px", function (container) {
      drawer.unobserve(container);
      drawWhenReady(container);
    });
  }

  function observe(containers, rootMargin, onEnter) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { onEnter(entry.target); }
      });
    }, { rootMargin: rootMargin });
    containers.forEach(function (container) { observer.observe(container); });
    return observer;
  }

  // A phone turned or a window resized: every chart drawn so far is drawn again from its
  // figure, at the new width and the height its space now has. Not for a change of height
  // only (a phone's toolbar hiding as one scrolls).
  var drawnAtWidth = window.innerWidth;
  var redraw = null;
  window.addEventListener("resize", function () {
    if (window.innerWidth === drawnAtWidth) { return; }
    drawnAtWidth = window.innerWidth;
    clearTimeout(redraw);
    redraw = setTimeout(function () {
      document.querySelectorAll('[data-figure][data-drawn="true"]').forEach(drawChart);
    }, 150);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
