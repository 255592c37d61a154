import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { membersQuery, organizationQuery, profileQuery } from '../api/queries.ts';
import { AnchorLink } from '../components/Links.tsx';
import { Page } from '../components/Page.tsx';
import { ProfileView } from '../components/ProfileView.tsx';
import { Text } from '@mantine/core';
import { ROLE_LABELS } from '../lib/labels.ts';
import { useMe } from '../session.ts';

const route = getRouteApi('/_app/o/$organizationId/members/$membershipId');

/** A member's profile, opened from the members list. */
export function MemberProfilePage() {
  const { organizationId, membershipId } = route.useParams();
  const me = useMe();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  const profile = useQuery(profileQuery(organizationId, membershipId));
  const members = useQuery(membersQuery(organizationId));
  const member = members.data?.find((m) => m.id === membershipId);
  const name = profile.data?.name ?? member?.name ?? 'Member profile';

  return (
    <Page
      title={name}
      documentTitle={[name, organization.name]}
      description={
        member ? (
          <>
            {ROLE_LABELS[member.role]} · {member.email}
          </>
        ) : undefined
      }
      actions={
        <Text size="sm">
          <AnchorLink to="/o/$organizationId/members" params={{ organizationId }}>
            All members
          </AnchorLink>
        </Text>
      }
    >
      <ProfileView
        organizationId={organizationId}
        membershipId={membershipId}
        isMine={profile.data !== undefined && profile.data.userId === me?.id}
      />
    </Page>
  );
}
