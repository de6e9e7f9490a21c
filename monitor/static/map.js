// The map page's markers: one per located event of the list below the map (the list is the
// page without JavaScript). Titles come from feeds, so they only ever go in as text.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.L) {
    return;
  }
  var map = L.map(box, { worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    // the page sends no referrer anywhere, but tile servers (OpenStreetMap's among them)
    // refuse requests without one: theirs carry this server's origin, never a path or ?token=
    L.tileLayer(tiles, {
      maxZoom: 18,
      referrerPolicy: "strict-origin",
      attribution: box.getAttribute("data-attribution") || ""
    }).addTo(map);
  }
  L.Icon.Default.imagePath = box.getAttribute("data-images") || "static/leaflet/images/";
  var points = [];
  var items = document.querySelectorAll("ol.places li[data-lat]");
  for (var i = 0; i < items.length; i++) {
    var lat = parseFloat(items[i].getAttribute("data-lat"));
    var lon = parseFloat(items[i].getAttribute("data-lon"));
    var source = items[i].querySelector("a");
    if (!isFinite(lat) || !isFinite(lon) || !source) {
      continue;
    }
    var popup = document.createElement("a");
    popup.href = source.href;
    popup.textContent = source.textContent;
    L.marker([lat, lon], { title: source.textContent }).bindPopup(popup).addTo(map);
    points.push([lat, lon]);
  }
  if (points.length) {
    map.fitBounds(points, { padding: [30, 30], maxZoom: 9 });
  } else {
    map.setView([20, 0], 2);
  }
})();
