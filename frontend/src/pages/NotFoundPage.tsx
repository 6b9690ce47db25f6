import { Link } from 'react-router';
import { Compass } from 'lucide-react';
import { useI18n } from '../i18n/I18n';
import { EmptyState, buttonClass } from '../components/ui';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="py-16">
      <EmptyState
        level={1}
        icon={<Compass className="size-6" />}
        title={t('notFound.title')}
        body={t('notFound.body')}
        action={
          <Link to="/" className={buttonClass('primary')}>
            {t('notFound.home')}
          </Link>
        }
      />
    </div>
  );
}
