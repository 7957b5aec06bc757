// The signing form's optional drawn signature (signature_pad, vendored). Without
// JavaScript the pad stays hidden and the typed name is the signature. The strokes go to
// the server as numbers in a 1000 × 300 box; it draws the picture itself from them.
(function () {
  "use strict";
  function init() {
    var box = document.querySelector("[data-signature-pad]");
    if (!box || typeof SignaturePad === "undefined") return;
    box.hidden = false;
    var canvas = box.querySelector("canvas");
    var input = box.querySelector("input[name=drawn]");
    var pad = new SignaturePad(canvas, { penColor: "#111" });
    function fit() {
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      var data = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetWidth * 0.3 * ratio;
      canvas.style.height = canvas.offsetWidth * 0.3 + "px";
      canvas.getContext("2d").scale(ratio, ratio);
      pad.fromData(data);
    }
    window.addEventListener("resize", fit);
    fit();
    box.querySelector("[data-signature-clear]").addEventListener("click", function () {
      pad.clear();
      input.value = "";
    });
    box.closest("form").addEventListener("submit", function () {
      if (pad.isEmpty()) { input.value = ""; return; }
      var w = canvas.offsetWidth, h = canvas.offsetWidth * 0.3;
      input.value = JSON.stringify(pad.toData().map(function (stroke) {
        return stroke.points.map(function (p) {
          return [Math.min(1000, Math.max(0, p.x / w * 1000)),
                  Math.min(300, Math.max(0, p.y / h * 300))];
        });
      }));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
