// Where exactly: a pin on a small map. Works without tiles and without a connection: the map
// shows the chosen village's centre and its neighbours as labelled dots on a graticule (the
// centres come with the places kept on the phone). Tap or click to set the pin; on the keyboard,
// move the map with the arrows and press Enter to pin its centre. Buttons do the same without
// the map: the phone's position, the village centre, or no pin at all.
import { useEffect, useRef, useState } from 'preact/hooks';
import { COLOURS, fit, L, useMap } from '../map';
import type { NamedPoint, Point } from '../map_points';
import { useT } from '../store';

export function PinPicker(props: {
  village: NamedPoint | null; // centre of the chosen village, if known
  neighbours: NamedPoint[]; // other villages of the commune
  value: Point | null;
  onChange: (p: Point | null) => void;
}) {
  const t = useT();
  const { el, map, layer: dots, tiles } = useMap();
  const pin = useRef<L.CircleMarker | null>(null);
  const [note, setNote] = useState('');
  const change = useRef(props.onChange);
  change.current = props.onChange;
  const pinAt = (p: Point, how: string) => {
    change.current({ lat: Number(p.lat.toFixed(6)), lon: Number(p.lon.toFixed(6)) });
    setNote(how);
  };

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    m.on('click', (e: L.LeafletMouseEvent) => pinAt({ lat: e.latlng.lat, lon: e.latlng.lng }, t('pin.setByTap')));
    m.getContainer().addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.target !== m.getContainer()) return;
      e.preventDefault();
      const c = m.getCenter();
      pinAt({ lat: c.lat, lon: c.lng }, t('pin.setByKey'));
    });
    return () => { pin.current = null; };
  }, [tiles]);

  // The village dots, and the view on the village (or on the pin when there is one).
  const villageKey = props.village ? `${props.village.lat},${props.village.lon}` : '';
  useEffect(() => {
    const m = map.current;
    if (!m || !dots.current) return;
    dots.current.clearLayers();
    for (const v of props.neighbours) {
      L.circleMarker([v.lat, v.lon], { radius: 4, color: COLOURS.muted, weight: 1, fillOpacity: 0.6 })
        .bindTooltip(v.name, { direction: 'top' })
        .on('click', () => pinAt(v, t('pin.setVillage', { name: v.name })))
        .addTo(dots.current);
    }
    if (props.village) {
      const v = props.village;
      L.circleMarker([v.lat, v.lon], { radius: 6, color: COLOURS.place, weight: 2, fillOpacity: 0.8 })
        .bindTooltip(v.name, { permanent: true, direction: 'right', className: 'place-label' })
        .on('click', () => pinAt(v, t('pin.setVillage', { name: v.name })))
        .addTo(dots.current);
    }
    // The pin if there is one, else the village among its neighbours (zoom in to place it).
    if (props.value) fit(m, [props.value], 15);
    else fit(m, props.village ? [props.village, ...props.neighbours] : props.neighbours, 14);
  }, [villageKey, props.neighbours.length, tiles]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    pin.current?.remove();
    pin.current = null;
    if (props.value) {
      pin.current = L.circleMarker([props.value.lat, props.value.lon], {
        radius: 9, color: COLOURS.pin, weight: 3, fillOpacity: 0.5, interactive: false,
      }).addTo(m);
    }
  }, [props.value?.lat, props.value?.lon, tiles]);

  const locate = () => {
    setNote(t('pin.locating'));
    if (!navigator.geolocation) { setNote(t('report.locationFailed')); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const here = { lat: p.coords.latitude, lon: p.coords.longitude };
        pinAt(here, t('report.locationAdded'));
        if (map.current) fit(map.current, [here], 15);
      },
      () => setNote(t('report.locationFailed')),
      { timeout: 15000, maximumAge: 60000 },
    );
  };
  const v = props.value;
  return (
    <fieldset class="pin-picker">
      <legend>{t('pin.legend')}</legend>
      <p id="pin-help" class="help">{t('pin.help')}</p>
      <div ref={el} class="map small" role="application" aria-label={t('pin.map')} aria-describedby="pin-help" />
      <p class="buttons">
        <button type="button" class="secondary" onClick={locate}>{t('report.location')}</button>
        {props.village ? (
          <button type="button" class="secondary" onClick={() => {
            const v = props.village;
            if (!v) return;
            pinAt(v, t('pin.setVillage', { name: v.name }));
            if (map.current) fit(map.current, [v], 14);
          }}>
            {t('pin.village')}
          </button>
        ) : null}
        {v ? <button type="button" class="link" onClick={() => { props.onChange(null); setNote(t('pin.removed')); }}>{t('pin.remove')}</button> : null}
      </p>
      <p role="status" data-testid="pin-status">
        {v ? t('pin.at', { lat: v.lat.toFixed(5), lon: v.lon.toFixed(5) }) : t('pin.none')}
        {note ? ` — ${note}` : ''}
      </p>
    </fieldset>
  );
}

// A read-only map of some points: the officer's case page, a commune board.
export function PointsMap(props: { points: (NamedPoint & { strong?: boolean })[]; label: string; zoomForOne?: number }) {
  const { el, map, layer, tiles } = useMap();
  const key = props.points.map((p) => `${p.lat},${p.lon},${p.name}`).join('|');
  useEffect(() => {
    const m = map.current;
    if (!m || !layer.current) return;
    layer.current.clearLayers();
    for (const p of props.points) {
      L.circleMarker([p.lat, p.lon], {
        radius: p.strong ? 8 : 5, color: p.strong ? COLOURS.pin : COLOURS.place, weight: 2, fillOpacity: 0.5,
      }).bindTooltip(p.name, { permanent: props.points.length <= 3, direction: 'right', className: 'place-label' })
        .addTo(layer.current);
    }
    fit(m, props.points, props.zoomForOne ?? 14);
  }, [key, tiles]);
  return <div ref={el} class="map small" role="region" aria-label={props.label} />;
}

