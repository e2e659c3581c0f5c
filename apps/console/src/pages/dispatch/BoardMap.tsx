import { Box, Text } from '@mantine/core';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { memo, useEffect, useRef } from 'react';
import type { Order } from '../orders/api';
import { tileAttribution, type CourierRow } from './board';

/** Daegu city hall: where the board opens before anything is on it. */
const DAEGU = L.latLng(35.8714, 128.6014);

export interface BoardMapProps {
  tileUrl: string;
  orders: Order[];
  couriers: CourierRow[];
  selectedOrderId: string | null;
  selectedCourierId: string | null;
  onSelectOrder: (id: string) => void;
  onSelectCourier: (id: string) => void;
  labels: { noTiles: string; pickup: (o: Order) => string; courier: (c: CourierRow) => string };
}

/**
 * Leaflet, drawn with vector markers only (no marker images to fetch): pickups of the
 * waiting orders, and couriers where they were last seen. Tiles only when a tile URL is
 * configured; without one (an offline office) the markers stand on a blank map with a scale.
 */
export const BoardMap = memo(function BoardMap({ tileUrl, orders, couriers, selectedOrderId, selectedCourierId, onSelectOrder, onSelectCourier, labels }: BoardMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<{ orders: L.LayerGroup; couriers: L.LayerGroup; tiles: L.TileLayer | null } | null>(null);
  const fitted = useRef(false);
  const handlers = useRef({ onSelectOrder, onSelectCourier });
  handlers.current = { onSelectOrder, onSelectCourier };

  useEffect(() => {
    if (!element.current) return;
    const m = L.map(element.current, { center: DAEGU, zoom: 12, zoomControl: true, attributionControl: true });
    L.control.scale({ imperial: false }).addTo(m);
    layers.current = { orders: L.layerGroup().addTo(m), couriers: L.layerGroup().addTo(m), tiles: null };
    map.current = m;
    // The container may get its size after the first layout (a tab, a grid column).
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      layers.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const l = layers.current;
    if (!m || !l) return;
    l.tiles?.remove();
    l.tiles = tileUrl ? L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution(tileUrl) }).addTo(m) : null;
  }, [tileUrl]);

  useEffect(() => {
    const l = layers.current;
    const m = map.current;
    if (!l || !m) return;
    l.orders.clearLayers();
    l.couriers.clearLayers();
    const points: L.LatLng[] = [];
    for (const o of orders) {
      const at = L.latLng(o.pickup.lat, o.pickup.lng);
      points.push(at);
      const selected = o.id === selectedOrderId;
      L.circleMarker(at, { radius: selected ? 10 : 7, color: selected ? '#c92a2a' : '#1c7ed6', weight: selected ? 3 : 2, fillOpacity: 0.7 })
        .bindTooltip(labels.pickup(o))
        .on('click', () => handlers.current.onSelectOrder(o.id))
        .addTo(l.orders);
      if (selected) {
        L.polyline([at, L.latLng(o.dropoff.lat, o.dropoff.lng)], { color: '#c92a2a', weight: 2, dashArray: '4 6' }).addTo(l.orders);
        L.circleMarker(L.latLng(o.dropoff.lat, o.dropoff.lng), { radius: 5, color: '#c92a2a', fillOpacity: 0.3 }).addTo(l.orders);
      }
    }
    for (const c of couriers) {
      if (c.lat === null || c.lng === null) continue;
      const at = L.latLng(c.lat, c.lng);
      points.push(at);
      const selected = c.memberId === selectedCourierId;
      L.circleMarker(at, { radius: selected ? 9 : 6, color: selected ? '#e8590c' : '#2b8a3e', weight: selected ? 3 : 2, fillColor: '#40c057', fillOpacity: 0.9 })
        .bindTooltip(labels.courier(c))
        .on('click', () => handlers.current.onSelectCourier(c.memberId))
        .addTo(l.couriers);
    }
    if (!fitted.current && points.length > 0) {
      fitted.current = true;
      m.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 14 });
    }
  }, [orders, couriers, selectedOrderId, selectedCourierId, labels]);

  return (
    <Box pos="relative">
      <div
        ref={element}
        data-testid="board-map"
        data-tiles={tileUrl ? 'on' : 'off'}
        style={{ height: 360, width: '100%', borderRadius: 4, background: tileUrl ? undefined : '#f1f3f5' }}
      />
      {!tileUrl && (
        <Text size="xs" c="dimmed" pos="absolute" top={6} right={8} style={{ zIndex: 500, pointerEvents: 'none' }} data-testid="map-no-tiles">
          {labels.noTiles}
        </Text>
      )}
    </Box>
  );
});
