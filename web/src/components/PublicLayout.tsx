/** The frame of the pages people see before signing in: the name, one card, a short footer. */
import { Box, Center, Container, Paper, Stack, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Brand } from './Brand.tsx';
import { Page } from './Page.tsx';

export function PublicLayout() {
  return (
    <Box mih="100vh" py={{ base: 'lg', sm: 48 }} px="sm">
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <Container size={460} p={0}>
        <Stack gap="lg">
          <Box component="header">
            <Center>
              <Brand />
            </Center>
          </Box>
          <Box component="main" id="main" tabIndex={-1}>
            <Outlet />
          </Box>
          <Box component="footer">
            <Text size="xs" c="dimmed" ta="center">
              Second Chair — mentorship programs for lawyers early in their careers.
            </Text>
          </Box>
        </Stack>
      </Container>
    </Box>
  );
}

/** One public page: a titled card. */
export function PublicCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }}>
      <Page title={title} description={description}>
        {children}
      </Page>
    </Paper>
  );
}
