import { useState } from 'react';
import { PageHeader } from '../app/PageHeader';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Reached from the user menu: the signed-in user changes their password. */
export function ChangePasswordPage() {
  const [changed, setChanged] = useState(false);
  return (
    <>
      <PageHeader
        title="Change password"
        description="Changing it signs you out everywhere else; this browser stays signed in."
      />
      <section className="panel">
        {changed ? (
          <div className="alert alert--success" role="status">
            Your password has been changed. Your other sessions have been signed out.
          </div>
        ) : (
          <ChangePasswordForm onChanged={() => setChanged(true)} />
        )}
      </section>
    </>
  );
}

export default ChangePasswordPage;
