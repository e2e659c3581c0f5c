import { Alert, List } from '@mantine/core';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/PageState';
import { fieldErrors } from '../../lib/forms';

/** The API's field errors of a failed mutation, by form field; `byField` is empty for other errors. */
export function errorsOf(error: unknown, fields: readonly string[]): Record<string, string> {
  return error instanceof ApiError ? fieldErrors(error.details, fields).byField : {};
}

/** What a failed mutation says that no field of the form shows. */
export function FormErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError) || error.details.length === 0) return <ErrorAlert error={error} />;
  const { byField, other } = fieldErrors(error.details, fields);
  if (other.length === 0) return Object.keys(byField).length ? null : <ErrorAlert error={error} />;
  return (
    <Alert color="red" role="alert">
      {error.message}
      <List size="sm" mt={4}>
        {other.map((o) => (
          <List.Item key={o}>{o}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
