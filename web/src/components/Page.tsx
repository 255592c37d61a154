/**
 * The frame of every page: the document title, one h1, an optional description and actions. After a
 * client-side navigation the heading takes focus and the title is announced, so keyboard and
 * screen-reader users start at the new content.
 */
import { Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

let hasNavigated = false;

/** Called by the router on every navigation after the first page load. */
export function markNavigated(): void {
  hasNavigated = true;
}

/** Sets the document title ("Members · Acme LLP · Second Chair"). */
export function useDocumentTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter(Boolean), 'Second Chair'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export interface PageProps {
  title: ReactNode;
  /** The document title, when `title` is not plain text or needs context (organization name). */
  documentTitle?: string | Array<string | undefined>;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, documentTitle, description, actions, children }: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const parts = Array.isArray(documentTitle)
    ? documentTitle
    : [documentTitle ?? (typeof title === 'string' ? title : undefined)];
  useDocumentTitle(...parts);
  const plainTitle = typeof title === 'string' ? title : parts[0];

  useEffect(() => {
    if (!hasNavigated) return;
    headingRef.current?.focus({ preventScroll: false });
    const announcer = document.getElementById('route-announcer');
    if (announcer && plainTitle) announcer.textContent = plainTitle;
  }, [plainTitle]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <div style={{ minWidth: 0 }}>
          <Title order={1} size="h2" ref={headingRef} tabIndex={-1} className="page-heading">
            {title}
          </Title>
          {description ? (
            <Text c="dimmed" mt={4} maw={720}>
              {description}
            </Text>
          ) : null}
        </div>
        {actions ? <Group gap="sm">{actions}</Group> : null}
      </Group>
      {children}
    </Stack>
  );
}
