import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { membersQuery, organizationQuery } from '../api/queries.ts';
import { Page } from '../components/Page.tsx';
import { ProfileView } from '../components/ProfileView.tsx';
import { LoadError, Loading } from '../components/QueryState.tsx';
import { useMe } from '../session.ts';

const route = getRouteApi('/_app/o/$organizationId/profile');

/** The signed-in member's own profile in this organization. */
export function MyProfilePage() {
  const { organizationId } = route.useParams();
  const me = useMe();
  const { data: organization } = useSuspenseQuery(organizationQuery(organizationId));
  // The organization does not carry the caller's membership id; the members list does.
  const members = useQuery(membersQuery(organizationId));
  const mine = members.data?.find((member) => member.userId === me?.id);

  return (
    <Page
      title="My profile"
      documentTitle={['My profile', organization.name]}
      description={`How you appear to coordinators and other members of ${organization.name}.`}
    >
      {members.isPending ? <Loading /> : null}
      {members.isError ? <LoadError error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.isSuccess && !mine ? (
        <LoadError error={new Error('Your membership was not found in this organization.')} />
      ) : null}
      {mine ? <ProfileView organizationId={organizationId} membershipId={mine.id} isMine /> : null}
    </Page>
  );
}
