/** The organization menu in the header: which organization is open, and the others to switch to. */
import { Button, Menu, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { organizationsQuery } from '../api/queries.ts';
import { KIND_LABELS } from '../lib/labels.ts';
import { setLastOrganizationId } from '../lib/last-organization.ts';
import { BuildingIcon, CheckIcon, ChevronDownIcon, PlusIcon } from './Icons.tsx';

export function OrganizationSwitcher({
  currentId,
  onNavigate,
  fullWidth,
}: {
  currentId: string | null;
  onNavigate?: () => void;
  fullWidth?: boolean;
}) {
  const navigate = useNavigate();
  const { data: organizations = [], isPending } = useQuery(organizationsQuery);
  const current = organizations.find((o) => o.id === currentId);
  const label = current?.name ?? (isPending ? 'Loading…' : 'Choose an organization');

  return (
    <Menu position="bottom-start" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          fullWidth={fullWidth}
          justify="space-between"
          leftSection={<BuildingIcon />}
          rightSection={<ChevronDownIcon size={16} />}
          aria-label={
            current ? `Organization: ${current.name}. Switch organization` : 'Choose an organization'
          }
          maw={fullWidth ? undefined : 320}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your organizations</Menu.Label>
        {organizations.map((organization) => (
          <Menu.Item
            key={organization.id}
            leftSection={
              organization.id === currentId ? <CheckIcon size={16} /> : <span style={{ width: 16 }} />
            }
            aria-current={organization.id === currentId ? 'true' : undefined}
            onClick={() => {
              setLastOrganizationId(organization.id);
              onNavigate?.();
              void navigate({ to: '/o/$organizationId', params: { organizationId: organization.id } });
            }}
          >
            <Text size="sm" fw={500} lineClamp={1}>
              {organization.name}
            </Text>
            <Text size="xs" c="dimmed">
              {KIND_LABELS[organization.kind]}
            </Text>
          </Menu.Item>
        ))}
        {organizations.length === 0 && !isPending ? (
          <Text size="sm" c="dimmed" px="sm" py={4}>
            You do not belong to any organization yet.
          </Text>
        ) : null}
        <Menu.Divider />
        <Menu.Item
          leftSection={<PlusIcon size={16} />}
          onClick={() => {
            onNavigate?.();
            void navigate({ to: '/organizations/new' });
          }}
        >
          Create an organization
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
