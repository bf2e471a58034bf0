// Leaflet maps that stay useful without a tile server or a connection (a commune office, a
// valley without signal): with no tiles a plain background carries a labelled graticule, so
// the dots of villages and reports still sit in a readable frame. Only circle markers are used
// (Leaflet's default marker images do not survive bundling and cost a request each).
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';

import { degreeLabel, gridLines, gridStep, type Point } from './map_points';
import { loadConfig, tileUrl, useStore } from './store';

export type { Point };

function addGraticule(map: L.Map): void {
  const layer = L.layerGroup().addTo(map);
  const draw = () => {
    layer.clearLayers();
    const b = map.getBounds();
    const step = gridStep((b.getEast() - b.getWest()) / Math.max(1, map.getSize().x));
    const line = { color: '#7a8f80', weight: 1, opacity: 0.5, interactive: false };
    const label = (text: string, at: L.LatLngExpression, cls: string) =>
      L.marker(at, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: `grid-label ${cls}`, html: `<span>${text}</span>`, iconSize: undefined }),
      }).addTo(layer);
    for (const lat of gridLines(b.getSouth(), b.getNorth(), step)) {
      L.polyline([[lat, b.getWest()], [lat, b.getEast()]], line).addTo(layer);
      label(degreeLabel(lat, step, 'lat'), [lat, b.getEast()], 'lat'); // east: clear of the zoom buttons
    }
    for (const lon of gridLines(b.getWest(), b.getEast(), step)) {
      L.polyline([[b.getSouth(), lon], [b.getNorth(), lon]], line).addTo(layer);
      // No label where it would run off the east edge (or into the latitude labels).
      if (map.latLngToContainerPoint([b.getSouth(), lon]).x < map.getSize().x - 60) {
        label(degreeLabel(lon, step, 'lon'), [b.getSouth(), lon], 'lon');
      }
    }
  };
  map.on('moveend zoomend resize', draw);
  map.whenReady(draw);
}

// A map in `el`: tiles when a URL is configured and we are online, else the graticule.
export function makeMap(el: HTMLElement, tileUrl: string): L.Map {
  const map = L.map(el, { keyboard: true, scrollWheelZoom: false, attributionControl: false });
  const online = typeof navigator === 'undefined' || navigator.onLine;
  if (tileUrl && online) {
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: '© OpenStreetMap' }).addTo(map);
  } else {
    el.classList.add('plain');
    addGraticule(map);
  }
  return map;
}

export function fit(map: L.Map, points: Point[], zoomForOne = 14): void {
  if (points.length === 0) map.setView([0, 0], 2);
  else if (points.length === 1) map.setView([points[0].lat, points[0].lon], zoomForOne);
  else map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as L.LatLngTuple)), { padding: [24, 24], maxZoom: 15 });
}

// A map in the element `el` refers to, with one layer for the page's markers; made again when
// the tile URL arrives (from the server or the kept copy). Effects declared after this hook run
// after the map exists; they should also depend on `tiles` to draw on a new map.
export function useMap() {
  const tiles = useStore(tileUrl);
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  useEffect(() => { void loadConfig(); }, []);
  useEffect(() => {
    if (!el.current) return;
    const m = makeMap(el.current, tiles);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    return () => { m.remove(); map.current = null; layer.current = null; };
  }, [tiles]);
  return { el, map, layer, tiles };
}

export const COLOURS = { pin: '#a4161a', place: '#0a5c36', muted: '#55655a' };
export { L };
