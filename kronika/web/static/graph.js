// Interactive graph: a small force layout in plain SVG (no library). Data: the JSON at data-api.
(function () {
  "use strict";
  var svg = document.getElementById("graph"), status = document.getElementById("graph-status");
  if (!svg) return;
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  fetch(svg.getAttribute("data-api"), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      if (data.error) { status.textContent = data.error.message; return; }
      if (!data.nodes.length) { status.textContent = "Nothing to show for this query."; return; }
      status.textContent = data.nodes.length + " nodes, " + data.edges.length + " edges";
      layout(data);
    })
    .catch(function (e) { status.textContent = "Could not load the graph: " + e; });

  function layout(data) {
    var w = svg.clientWidth || 900, h = svg.clientHeight || 560;
    var byId = {}, nodes = data.nodes.map(function (n, i) {
      var a = 2 * Math.PI * i / data.nodes.length;
      var o = { id: n.id, label: n.label, kind: n.kind, type: n.type, weight: n.weight,
                x: w / 2 + Math.cos(a) * w / 3, y: h / 2 + Math.sin(a) * h / 3, vx: 0, vy: 0, fixed: false };
      byId[n.id] = o; return o;
    });
    var links = data.edges.filter(function (e) { return byId[e.source] && byId[e.target]; })
      .map(function (e) { return { s: byId[e.source], t: byId[e.target], label: e.label }; });
    links.forEach(function (l) { l.s.degree = (l.s.degree || 0) + 1; l.t.degree = (l.t.degree || 0) + 1; });
    var lineEls = links.map(function (l) { var e = el("line", {}); svg.appendChild(e); return e; });
    var nodeEls = nodes.map(function (n) {
      var g = el("g", { "class": "node" });
      var r = n.kind === "event" ? 6 + 3 * Math.min(n.weight, 6) : 6 + Math.min(Math.sqrt(n.weight) * 2, 14);
      g.appendChild(el("circle", { r: r, "class": n.kind }));
      g.appendChild(el("title", {}, n.label + " (" + n.type + ")"));
      g.appendChild(el("text", { x: r + 3, y: 4 }, n.label));
      g.addEventListener("click", function () { if (!moved && n.kind === "entity") location.href = "/entities/" + encodeURIComponent(n.id); });
      svg.appendChild(g); n.el = g; return g;
    });
    var dragging = null, moved = false;
    nodes.forEach(function (n) {
      n.el.addEventListener("mousedown", function (e) { dragging = n; moved = false; n.fixed = true; e.preventDefault(); });
    });
    window.addEventListener("mousemove", function (e) {
      if (!dragging) return;
      var r = svg.getBoundingClientRect(); moved = true;
      dragging.x = e.clientX - r.left; dragging.y = e.clientY - r.top; heat = 0.5; temp = Math.max(temp, 5); start();
    });
    window.addEventListener("mouseup", function () { if (dragging) { dragging.fixed = false; } dragging = null; });

    // Fruchterman–Reingold: pairs repel with k²/d, links attract with d²/k, a weak pull to the
    // centre keeps separate components on screen; each step moves a node at most `temp` pixels.
    var temp = w / 8, running = false, heat = 1;
    function step() {
      var k = Math.sqrt(w * h / Math.max(nodes.length, 1)) * 0.45;
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.1;
          var f = k * k / d;
          a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
        }
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) || 0.1;
        var f = d * d / k / Math.sqrt(Math.min(l.s.degree, l.t.degree));  // hubs must not swallow the picture
        l.s.dx += dx / d * f; l.s.dy += dy / d * f; l.t.dx -= dx / d * f; l.t.dy -= dy / d * f;
      });
      nodes.forEach(function (n) {
        n.dx += (w / 2 - n.x) * 0.6; n.dy += (h / 2 - n.y) * 0.6;
        var len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1, move = Math.min(len, temp);
        if (!n.fixed) { n.x += n.dx / len * move; n.y += n.dy / len * move; }
        n.x = Math.max(20, Math.min(w - 110, n.x)); n.y = Math.max(20, Math.min(h - 20, n.y));
      });
      temp = Math.max(temp * 0.97, 0.5);
      heat *= 0.97;
    }
    function render() {
      links.forEach(function (l, i) {
        lineEls[i].setAttribute("x1", l.s.x); lineEls[i].setAttribute("y1", l.s.y);
        lineEls[i].setAttribute("x2", l.t.x); lineEls[i].setAttribute("y2", l.t.y);
      });
      nodes.forEach(function (n) { n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")"); });
    }
    function tick() {
      step(); render();
      if (heat > 0.05) requestAnimationFrame(tick); else running = false;
    }
    function start() { if (!running) { running = true; requestAnimationFrame(tick); } }
    for (var i = 0; i < 300; i++) step();  // settle before the first paint
    render(); svg.setAttribute("data-ready", "1");
  }
})();
