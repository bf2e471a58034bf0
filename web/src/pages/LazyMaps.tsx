// The maps load Leaflet (about 40 KB) only when one is shown: the report form stays small on a
// slow link, and the service worker has the chunk for offline use (it caches every built file).
import type { ComponentProps } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../store';
import type { PinPicker as PinPickerType, PointsMap as PointsMapType } from './PinPicker';

type Maps = typeof import('./PinPicker');
let loaded: Maps | null = null;
function useMaps(): Maps | null {
  const [m, setM] = useState(loaded);
  useEffect(() => {
    if (!loaded) void import('./PinPicker').then((x) => { loaded = x; setM(x); }).catch(() => undefined);
  }, []);
  return m;
}

export function PinPicker(props: ComponentProps<typeof PinPickerType>) {
  const t = useT();
  const m = useMaps();
  return m ? <m.PinPicker {...props} /> : <p role="status">{t('app.loading')}</p>;
}
export function PointsMap(props: ComponentProps<typeof PointsMapType>) {
  const t = useT();
  const m = useMaps();
  return m ? <m.PointsMap {...props} /> : <p role="status">{t('app.loading')}</p>;
}
