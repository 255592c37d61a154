/** The product name in headers: a link home. */
import { Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function Brand() {
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="Second Chair, home">
      <Group gap={8} wrap="nowrap">
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="7" fill="#234264" />
          <path
            d="M9 22V10h5.5a4 4 0 0 1 0 8H13M19 22l4-12"
            stroke="#fff"
            strokeWidth="2.6"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <Text
          component="span"
          fw={600}
          size="lg"
          ff="Georgia, 'Iowan Old Style', 'Times New Roman', serif"
          c="navy.9"
        >
          Second Chair
        </Text>
      </Group>
    </Link>
  );
}
