// Runs inside the page tests/report/timeline_browser_test.sh builds around a
// timeline SVG: measures what the browser drew and writes a verdict into
// <pre id="result">. One line per finding: "SIZE w h", "TEXTS n",
// "MINTEXT px", "SPREAD x% y%", "OVERLAP a | b" for each pair of text boxes that overlap, then "DONE".
(function () {
  var out = [];
  var svg = document.querySelector('svg');
  if (!svg) {
    out.push('FAIL no svg in the page');
  } else {
    var r = svg.getBoundingClientRect();
    out.push('SIZE ' + Math.round(r.width) + ' ' + Math.round(r.height));
    var texts = Array.prototype.slice.call(svg.querySelectorAll('text'));
    var boxes = [];
    texts.forEach(function (t) {
      var b = t.getBoundingClientRect();
      if (b.width > 0 && b.height > 0 && t.textContent.trim() !== '') {
        boxes.push({x0: b.left, x1: b.right, y0: b.top, y1: b.bottom, s: t.textContent.trim()});
      }
    });
    out.push('TEXTS ' + boxes.length);
    // Readable at 100%: the smallest text's box height, and how much of the
    // picture the labels spread over (events squeezed in a strip read as none).
    var minh = Infinity, left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    boxes.forEach(function (b) {
      minh = Math.min(minh, b.y1 - b.y0);
      left = Math.min(left, b.x0); right = Math.max(right, b.x1);
      top = Math.min(top, b.y0); bottom = Math.max(bottom, b.y1);
    });
    out.push('MINTEXT ' + Math.round(minh));
    out.push('SPREAD ' + Math.round(100 * (right - left) / r.width) + ' ' + Math.round(100 * (bottom - top) / r.height));
    // Sweep along x: only boxes whose x ranges meet are compared. A glyph
    // box's font ascent and descent overrun the ink, so a clash must be more
    // than a pixel deep each way.
    var slack = 1;
    boxes.sort(function (a, b) { return a.x0 - b.x0; });
    var clashes = 0;
    for (var i = 0; i < boxes.length; i++) {
      var a = boxes[i];
      for (var j = i + 1; j < boxes.length && boxes[j].x0 < a.x1 - slack; j++) {
        var b = boxes[j];
        var dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        var dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > slack && dy > slack) {
          clashes++;
          if (clashes <= 20) out.push('OVERLAP ' + a.s + ' | ' + b.s + ' (' + Math.round(dx) + 'x' + Math.round(dy) + ' px)');
        }
      }
    }
    out.push('CLASHES ' + clashes);
  }
  out.push('DONE');
  document.getElementById('result').textContent = out.join('\n');
})();
