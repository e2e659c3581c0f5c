import { Navigate, Route, Routes } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { Forbidden } from '../../components/Forbidden';
import { OrderDetailView } from './OrderDetailView';
import { OrderFormView } from './OrderFormView';
import { OrderListView } from './OrderListView';

/**
 * Orders: the list with its filters (`/orders`), a phone order with a live quote
 * (`/orders/new`) and one order with its history and proof of delivery (`/orders/:id`).
 */
export default function OrdersPage() {
  // Accountants read orders; taking one by phone is a dispatcher's.
  const mayTake = hasRole(useSession(), 'dispatcher');
  return (
    <Routes>
      <Route index element={<OrderListView />} />
      <Route path="new" element={mayTake ? <OrderFormView /> : <Forbidden />} />
      <Route path=":id" element={<OrderDetailView />} />
      <Route path="*" element={<Navigate to="/orders" replace />} />
    </Routes>
  );
}
