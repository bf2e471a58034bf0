// Units on a map coloured by a rate (the dashboard's "two shoulders" by commune): four bands,
// named in a legend, each unit's name and rate in its tooltip. Leaflet comes with the page that
// shows it (the indicators page is its own chunk); without tiles the graticule frames the dots.
import { useEffect } from 'preact/hooks';
import { formatRate } from '../i18n';
import { fit, L, useMap } from '../map';
import { language, useStore, useT } from '../store';

// Bands, lowest first: [below this rate, colour]. Red to green, told apart by lightness too.
export const RATE_BANDS: [number, string][] = [[50, '#a4161a'], [75, '#d97706'], [100, '#6aa84f'], [Infinity, '#0a5c36']];
export function rateColour(rate: string | null): string {
  if (rate === null) return '#55655a';
  const v = Number(rate);
  return (RATE_BANDS.find(([below]) => v < below) ?? RATE_BANDS[RATE_BANDS.length - 1])[1];
}

export function RateMap(props: { label: string; parts: { name: string; rate: string | null; lat: number; lon: number }[] }) {
  const t = useT();
  const lang = useStore(language);
  const { el, map, layer, tiles } = useMap();
  useEffect(() => {
    if (!map.current || !layer.current) return;
    layer.current.clearLayers();
    for (const p of props.parts) {
      L.circleMarker([p.lat, p.lon], { radius: 8, color: rateColour(p.rate), weight: 2, fillOpacity: 0.7 })
        .bindTooltip(`${p.name}: ${formatRate(lang, p.rate)}`).addTo(layer.current);
    }
    fit(map.current, props.parts, 11);
  }, [props.parts, tiles, lang]);
  return (
    <figure>
      <div ref={el} class="map" role="region" aria-label={props.label} />
      <figcaption class="legend">
        {[t('ind.bandLow'), t('ind.bandMid'), t('ind.bandHigh'), t('ind.bandFull')].map((name, i) => (
          <span key={name}><span class={`swatch band${i}`} aria-hidden="true" /> {name}</span>
        ))}
      </figcaption>
    </figure>
  );
}
