import { describe, expect, it } from 'vitest';
import { degreeLabel, distanceKm, gridLines, gridStep, placeCentre, placeSurroundings } from './map_points';
import type { Place } from './store';

const PLACES: Place[] = [
  { code: 'C1', name: 'Biên Sơn', level: 'commune', commune: null, lat: 21.5, lon: 105.0 },
  { code: 'C1-V1', name: 'Bản Mới', level: 'village', commune: 'Biên Sơn', lat: 21.51, lon: 105.01 },
  { code: 'C1-V2', name: 'Nà Hin', level: 'village', commune: 'Biên Sơn', lat: 21.49, lon: 104.99 },
  { code: 'C1-V3', name: 'Khuổi Mạ', level: 'village', commune: 'Biên Sơn' }, // no centre
  { code: 'C2-V1', name: 'Bản Mới', level: 'village', commune: 'Sơn Hải', lat: 21.7, lon: 105.3 },
];

describe('pin picker surroundings', () => {
  it('are the chosen village centre and the other centred villages of its commune', () => {
    const s = placeSurroundings('C1-V1', PLACES);
    expect(s.village).toEqual({ name: 'Bản Mới', lat: 21.51, lon: 105.01 });
    expect(s.neighbours.map((n) => n.name)).toEqual(['Nà Hin']);
  });
  it('for a commune, are its centre and all its villages', () => {
    const s = placeSurroundings('C1', PLACES);
    expect(s.village?.name).toBe('Biên Sơn');
    expect(s.neighbours.map((n) => n.lat)).toEqual([21.51, 21.49]);
  });
  it('give a place its centre alone (the case page and the board)', () => {
    expect(placeCentre('C2-V1', PLACES)).toEqual({ name: 'Bản Mới', lat: 21.7, lon: 105.3 });
    expect(placeCentre('C1-V3', PLACES)).toBeNull();
    expect(placeCentre('X', PLACES)).toBeNull();
  });
  it('are empty for an unknown place, and have no centre for a village without one', () => {
    expect(placeSurroundings('X', PLACES)).toEqual({ village: null, neighbours: [] });
    expect(placeSurroundings('C1-V3', PLACES).village).toBeNull();
  });
});

describe('graticule', () => {
  it('uses the finest step that keeps lines 80 px apart', () => {
    expect(gridStep(0.5)).toBe(45); // the whole world in 720 px
    expect(gridStep(1.3 / 800)).toBe(0.2); // a province in 800 px: 0.13° at least
    expect(gridStep(0.04 / 330)).toBe(0.01); // a commune on a phone
    expect(gridStep(0)).toBe(0.001);
    expect(gridStep(0.001, 10)).toBe(0.01);
  });
  it('draws lines on multiples of the step inside the view', () => {
    expect(gridLines(21.43, 21.91, 0.1)).toEqual([21.5, 21.6, 21.7, 21.8, 21.9]);
    expect(gridLines(-0.5, 0.5, 0.5)).toEqual([-0.5, 0, 0.5]);
  });
  it('labels degrees with hemisphere and the decimals the step needs', () => {
    expect(degreeLabel(21.5, 0.5, 'lat')).toBe('21.5°N');
    expect(degreeLabel(105, 1, 'lon')).toBe('105°E');
    expect(degreeLabel(-8.25, 0.05, 'lat')).toBe('8.25°S');
    expect(degreeLabel(-70.02, 0.01, 'lon')).toBe('70.02°W');
  });
});

describe('distance', () => {
  it('is the great-circle distance in km', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111.2, 1);
    expect(distanceKm({ lat: 21.5, lon: 105 }, { lat: 21.5, lon: 105 })).toBe(0);
  });
});
