// Timeline chart: one dot per merged event, on a zoomable, pannable time axis.
// Data comes from the server-rendered list (data-when on each .tl-item): no inline script, no JSON copy.
(function () {
  "use strict";
  var svg = document.getElementById("timeline-svg");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  var items = Array.prototype.slice.call(document.querySelectorAll(".tl-item[data-when]"))
    .map(function (li) { return { el: li, t: parse(li.getAttribute("data-when")), label: li.getAttribute("data-label") }; })
    .filter(function (d) { return d.t !== null; });

  // "2024", "2024-06", "2024-06-19" → ms at the middle of the period the prefix names.
  function parse(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s || "");
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 6, d = m[3] ? +m[3] : (m[2] ? 15 : 1);
    return Date.UTC(y, mo, d);
  }
  if (!items.length) { svg.setAttribute("height", "30"); return; }
  var t0 = Math.min.apply(null, items.map(function (d) { return d.t; }));
  var t1 = Math.max.apply(null, items.map(function (d) { return d.t; }));
  var pad = Math.max((t1 - t0) * 0.08, 20 * 864e5);
  var full = [t0 - pad, t1 + pad], view = full.slice();

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function draw() {
    var w = svg.clientWidth || 800, h = 140, axisY = 110;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var x = function (t) { return 20 + (w - 40) * (t - view[0]) / (view[1] - view[0]); };
    svg.appendChild(el("line", { x1: 20, x2: w - 20, y1: axisY, y2: axisY, "class": "axis" }));
    // Month ticks, thinned so labels never overlap.
    var months = (view[1] - view[0]) / (30.4 * 864e5), every = Math.max(1, Math.ceil(months / ((w - 40) / 60)));
    var d = new Date(view[0]); d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    for (var i = 0; d.getTime() <= view[1] && i < 500; i++) {
      if (d.getTime() >= view[0] && d.getUTCMonth() % every === 0) {
        var xx = x(d.getTime());
        svg.appendChild(el("line", { x1: xx, x2: xx, y1: axisY, y2: axisY + 5, "class": "axis" }));
        svg.appendChild(el("text", { x: xx, y: axisY + 18, "text-anchor": "middle" },
          d.getUTCFullYear() + "-" + ("0" + (d.getUTCMonth() + 1)).slice(-2)));
      }
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    }
    var stacks = {};
    items.forEach(function (it, n) {
      if (it.t < view[0] || it.t > view[1]) return;
      var px = Math.round(x(it.t)), level = stacks[Math.round(px / 8)] = (stacks[Math.round(px / 8)] || 0) + 1;
      var c = el("circle", { cx: px, cy: axisY - 8 - (level - 1) * 13, r: 6, tabindex: 0 });
      c.appendChild(el("title", {}, it.label));
      c.addEventListener("click", function () { it.el.scrollIntoView({ behavior: "smooth", block: "center" }); location.hash = it.el.id; });
      svg.appendChild(c);
    });
  }
  function zoom(factor, centre) {
    var span = view[1] - view[0], c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
    var next = Math.max(span * factor, 7 * 864e5);
    view = [c - (c - view[0]) * next / span, c + (view[1] - c) * next / span];
    draw();
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect(), frac = (e.clientX - r.left - 20) / (r.width - 40);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, view[0] + frac * (view[1] - view[0]));
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (e) { drag = { x: e.clientX, v: view.slice() }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var dt = (e.clientX - drag.x) / (svg.clientWidth - 40) * (drag.v[1] - drag.v[0]);
    view = [drag.v[0] - dt, drag.v[1] - dt]; draw();
  });
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var z = b.getAttribute("data-zoom");
      if (z === "reset") { view = full.slice(); draw(); } else zoom(z === "in" ? 0.6 : 1.6);
    });
  });
  window.addEventListener("resize", draw);
  draw();
})();
