// Leaflet map of reports by unit centroid (cases rarely carry coordinates). With no tile
// server configured or reachable it still shows the circles, their sizes and colours, on a
// plain background, so the map is useful offline in a province office.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { Summary } from '../api';
import { useT } from '../store';

export function CaseMap(props: { units: Summary[]; tileUrl: string }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  useEffect(() => {
    if (!el.current || map.current) return;
    map.current = L.map(el.current, { keyboard: true, scrollWheelZoom: false });
    if (props.tileUrl) L.tileLayer(props.tileUrl, { maxZoom: 18, attribution: '© OpenStreetMap' }).addTo(map.current);
    layer.current = L.layerGroup().addTo(map.current);
    map.current.setView([0, 0], 2);
    return () => { map.current?.remove(); map.current = null; };
  }, []);
  useEffect(() => {
    if (!map.current || !layer.current) return;
    layer.current.clearLayers();
    const pts: L.LatLngExpression[] = [];
    for (const u of props.units) {
      const loc = u.unit_info?.location;
      if (!loc) continue;
      pts.push([loc.lat, loc.lon]);
      L.circleMarker([loc.lat, loc.lon], {
        radius: 4 + Math.sqrt(u.received),
        color: u.overdue_now > 0 ? '#a4161a' : '#0a5c36',
        weight: 2,
        fillOpacity: 0.35,
      }).bindTooltip(`${u.unit_info?.name}: ${u.received} · ${t('dash.overdue')} ${u.overdue_now}`).addTo(layer.current);
    }
    if (pts.length) map.current.fitBounds(L.latLngBounds(pts), { padding: [20, 20] });
  }, [props.units]);
  return <div ref={el} class="map" role="region" aria-label={t('dash.map')} />;
}
