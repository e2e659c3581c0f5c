import { Center, Loader } from '@mantine/core';

/** Shown while a page's code is fetched. */
export function RouteFallback() {
  return (
    <Center p="xl">
      <Loader size="sm" />
    </Center>
  );
}
