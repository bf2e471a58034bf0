// Points and grid arithmetic for the maps, without Leaflet (so the pages that pick them stay in the small bundle and
// Leaflet loads only with a map, see pages/LazyMaps.tsx).
import type { Unit } from './api';
import { cachedPlaces, type Place } from './store';

export interface Point { lat: number; lon: number }
export interface NamedPoint extends Point { name: string }

function named(p: Place): NamedPoint | null {
  return p.lat !== undefined && p.lon !== undefined ? { name: p.name, lat: p.lat, lon: p.lon } : null;
}
// The centre of the place `code`, if the registry gives one.
export function placeCentre(code: string, places: Place[] = cachedPlaces()): NamedPoint | null {
  const p = places.find((x) => x.code === code);
  return p ? named(p) : null;
}
// The chosen place's centre and the other villages of its commune, from the places kept on the
// phone (store.ts, loadPlaces): what the pin picker shows without a connection.
export function placeSurroundings(code: string, places: Place[] = cachedPlaces()): { village: NamedPoint | null; neighbours: NamedPoint[] } {
  const chosen = places.find((p) => p.code === code);
  if (!chosen) return { village: null, neighbours: [] };
  const commune = chosen.level === 'commune' ? chosen.name : chosen.commune;
  const neighbours = places
    .filter((p) => p.level === 'village' && p.code !== code && commune !== null && p.commune === commune)
    .map(named)
    .filter((p): p is NamedPoint => p !== null);
  return { village: named(chosen), neighbours };
}

// A unit's centre as the API gives it (units carry `location` when the registry has one).
export function centre(u?: Unit): NamedPoint | null {
  return u?.location ? { name: u.name, lat: u.location.lat, lon: u.location.lon } : null;
}

// Grid spacing in degrees: the finest step that keeps lines (and their labels, about
// "105.04°E" wide) at least `minPixels` apart, given how many degrees one pixel spans.
const STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 45];
export function gridStep(degreesPerPixel: number, minPixels = 80): number {
  for (const s of STEPS) if (s >= degreesPerPixel * minPixels) return s;
  return STEPS[STEPS.length - 1];
}
// "21.75°N", "105.2°E": as many decimals as the step needs.
export function degreeLabel(value: number, step: number, axis: 'lat' | 'lon'): string {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const hemi = axis === 'lat' ? (value < 0 ? 'S' : 'N') : value < 0 ? 'W' : 'E';
  return `${Math.abs(value).toFixed(decimals)}°${hemi}`;
}
export function gridLines(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(from / step) * step; v <= to + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

// Great-circle distance in km (haversine), as core/reference/locate.cpp computes it on the server.
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(h)));
}
