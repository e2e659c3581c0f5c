import { Navigate, Route, Routes } from 'react-router';
import { OrderDetailView } from './OrderDetailView';
import { OrderFormView } from './OrderFormView';
import { OrderListView } from './OrderListView';

/**
 * Orders: the list with its filters (`/orders`), a phone order with a live quote
 * (`/orders/new`) and one order with its history and proof of delivery (`/orders/:id`).
 */
export default function OrdersPage() {
  return (
    <Routes>
      <Route index element={<OrderListView />} />
      <Route path="new" element={<OrderFormView />} />
      <Route path=":id" element={<OrderDetailView />} />
      <Route path="*" element={<Navigate to="/orders" replace />} />
    </Routes>
  );
}
