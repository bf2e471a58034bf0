// Leaflet map of reports by unit centroid (cases rarely carry coordinates). With no tile
// server configured or reachable it draws a labelled graticule (map.ts) under the circles, their
// sizes and colours, so the map is useful offline in a province office.
import { useEffect } from 'preact/hooks';
import type { Summary } from '../api';
import { COLOURS, fit, L, useMap } from '../map';
import { useT } from '../store';

export function CaseMap(props: { units: Summary[] }) {
  const t = useT();
  const { el, map, layer, tiles } = useMap();
  useEffect(() => {
    if (!map.current || !layer.current) return;
    layer.current.clearLayers();
    const pts: { lat: number; lon: number }[] = [];
    for (const u of props.units) {
      const loc = u.unit_info?.location;
      if (!loc) continue;
      pts.push(loc);
      L.circleMarker([loc.lat, loc.lon], {
        radius: 4 + Math.sqrt(u.received),
        color: u.overdue_now > 0 ? COLOURS.pin : COLOURS.place,
        weight: 2,
        fillOpacity: 0.35,
      }).bindTooltip(`${u.unit_info?.name}: ${u.received} · ${t('dash.overdue')} ${u.overdue_now}`).addTo(layer.current);
    }
    fit(map.current, pts, 11);
  }, [props.units, tiles]);
  return <div ref={el} class="map" role="region" aria-label={t('dash.map')} />;
}
