import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Plus, RefreshCw, ShieldAlert, Trash2 } from 'lucide-react';
import { apiKeys } from '../../api/endpoints';
import { keys } from '../../api/hooks';
import { SCOPES, type ApiKey, type IssuedKey, type Scope } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import {
  Alert, Badge, Button, Card, Checkbox, ConfirmDialog, CopyButton, Dialog, EmptyState, Field, Input, PageHeader,
  Skeleton, Table, cx, td, th, type Tone,
} from '../../components/ui';
import { fieldErrors } from '../scenarios/ScenarioForm';

const STATUS_TONE: Record<string, Tone> = { active: 'success', revoked: 'neutral', expired: 'warning' };

export default function ApiKeysPage() {
  const { t, dateTime, relative } = useI18n();
  const { text } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [issued, setIssued] = useState<{ key: IssuedKey; rotated: boolean } | null>(null);
  const [confirm, setConfirm] = useState<{ key: ApiKey; action: 'rotate' | 'revoke' } | null>(null);
  const creating = params.get('new') === '1';
  const setCreating = (v: boolean) => {
    const p = new URLSearchParams(params);
    if (v) p.set('new', '1');
    else p.delete('new');
    setParams(p, { replace: true });
  };

  const list = useQuery({ queryKey: keys.apiKeys, queryFn: apiKeys.list });

  const act = useMutation({
    mutationFn: async ({ key, action }: { key: ApiKey; action: 'rotate' | 'revoke' }) =>
      action === 'rotate' ? apiKeys.rotate(key.id) : apiKeys.revoke(key.id).then(() => null),
    onSuccess: (result) => {
      setConfirm(null);
      qc.invalidateQueries({ queryKey: keys.apiKeys });
      if (result) setIssued({ key: result, rotated: true });
      else toast('success', t('keys.revoked'));
    },
    onError: (e) => {
      setConfirm(null);
      toast('error', text(e));
    },
  });

  const sorted = [...(list.data ?? [])].sort((a, b) => (a.status === b.status ? b.created_at.localeCompare(a.created_at) : a.status === 'active' ? -1 : 1));

  return (
    <div>
      <PageHeader
        title={t('keys.title')}
        description={t('keys.description')}
        actions={
          <Button variant="primary" icon={<Plus className="size-4" aria-hidden />} onClick={() => setCreating(true)}>
            {t('keys.create')}
          </Button>
        }
      />
      {list.isError && <Alert tone="danger">{text(list.error)}</Alert>}
      <Card as="div">
        {list.isPending ? (
          <div className="space-y-3 p-5">
            <Skeleton className="h-10" />
            <Skeleton className="h-10" />
          </div>
        ) : sorted.length === 0 ? (
          <EmptyState
            icon={<KeyRound className="size-6" />}
            title={t('keys.emptyTitle')}
            body={t('keys.emptyBody')}
            action={
              <Button variant="primary" icon={<Plus className="size-4" aria-hidden />} onClick={() => setCreating(true)}>
                {t('keys.create')}
              </Button>
            }
          />
        ) : (
          <Table caption={t('keys.listCaption')}>
            <thead>
              <tr>
                <th className={th}>{t('keys.name')}</th>
                <th className={th}>{t('keys.prefix')}</th>
                <th className={th}>{t('keys.scopes')}</th>
                <th className={th}>{t('common.status')}</th>
                <th className={th}>{t('common.created')}</th>
                <th className={th}>{t('keys.lastUsed')}</th>
                <th className={th}>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((k) => (
                <tr key={k.id} data-testid="api-key-row" className={cx(k.status !== 'active' && 'bg-surface-2/40')}>
                  <td className={cx(td, 'font-medium text-fg')}>{k.name}</td>
                  <td className={cx(td, 'font-mono text-[13px] text-muted')}>{k.prefix}…</td>
                  <td className={td}>
                    <div className="flex flex-wrap gap-1">
                      {k.scopes.map((s) => (
                        <Badge key={s} tone="accent">
                          {s}
                        </Badge>
                      ))}
                    </div>
                  </td>
                  <td className={td}>
                    <Badge tone={STATUS_TONE[k.status] ?? 'neutral'}>
                      {t(k.status === 'revoked' ? 'keys.status.revoked' : k.status === 'expired' ? 'keys.status.expired' : 'keys.status.active')}
                    </Badge>
                  </td>
                  <td className={cx(td, 'whitespace-nowrap text-muted')}>{dateTime(k.created_at)}</td>
                  <td className={cx(td, 'whitespace-nowrap text-muted')}>{k.last_used_at ? relative(k.last_used_at) : t('keys.never')}</td>
                  <td className={cx(td, 'text-right whitespace-nowrap')}>
                    {k.status === 'active' && (
                      <div className="flex justify-end gap-1.5">
                        <Button size="sm" icon={<RefreshCw className="size-3.5" aria-hidden />} onClick={() => setConfirm({ key: k, action: 'rotate' })} aria-label={`${t('keys.rotate')} ${k.name}`}>
                          {t('keys.rotate')}
                        </Button>
                        <Button size="sm" variant="danger" icon={<Trash2 className="size-3.5" aria-hidden />} onClick={() => setConfirm({ key: k, action: 'revoke' })} aria-label={`${t('keys.revoke')} ${k.name}`}>
                          {t('keys.revoke')}
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setIssued({ key: k, rotated: false });
          qc.invalidateQueries({ queryKey: keys.apiKeys });
        }}
      />
      <IssuedKeyDialog issued={issued?.key ?? null} rotated={issued?.rotated ?? false} onClose={() => setIssued(null)} />
      <ConfirmDialog
        open={confirm?.action === 'rotate'}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && act.mutate(confirm)}
        title={t('keys.confirmRotateTitle', { name: confirm?.key.name ?? '' })}
        body={t('keys.confirmRotateBody')}
        confirmLabel={t('keys.rotate')}
        loading={act.isPending}
      />
      <ConfirmDialog
        open={confirm?.action === 'revoke'}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && act.mutate(confirm)}
        title={t('keys.confirmRevokeTitle', { name: confirm?.key.name ?? '' })}
        body={t('keys.confirmRevokeBody')}
        confirmLabel={t('keys.revoke')}
        danger
        loading={act.isPending}
      />
    </div>
  );
}

function CreateKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (k: IssuedKey) => void }) {
  const { t } = useI18n();
  const { text, field } = useErrorText();
  const { isAdmin } = useAuth();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['ingest']);
  const [expires, setExpires] = useState('');
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setName('');
      setScopes(['ingest']);
      setExpires('');
      setRate('');
      setErrors({});
      setError(null);
    }
  }, [open]);

  const create = useMutation({
    mutationFn: () =>
      apiKeys.create({
        name: name.trim(),
        scopes,
        expires_at: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : undefined,
        events_per_second: rate ? Number(rate) : undefined,
      }),
    onSuccess: onCreated,
    onError: (e) => {
      const fe = fieldErrors(e, field);
      setErrors(fe);
      setError(Object.keys(fe).length ? null : text(e));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('errors.required');
    if (scopes.length === 0) next.scopes = t('keys.scopeRequired');
    setErrors(next);
    if (Object.keys(next).length === 0) create.mutate();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('keys.create')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" form="create-key" variant="primary" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </>
      }
    >
      <form id="create-key" onSubmit={submit} noValidate className="flex flex-col gap-5">
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t('keys.name')} hint={t('keys.nameHint')} error={errors.name}>
          <Input id="key-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <fieldset aria-describedby="key-scopes-hint">
          <legend className="text-[13px] font-medium text-fg">{t('keys.scopes')}</legend>
          <p id="key-scopes-hint" className="mb-3 text-[12.5px] text-muted">
            {t('keys.scopesHint')}
          </p>
          <div className="flex flex-col gap-2.5">
            {SCOPES.filter((s) => s !== 'admin' || isAdmin).map((s) => (
              <Checkbox
                key={s}
                label={
                  <>
                    <span className="font-mono text-[13px]">{s}</span>
                    <span className="text-muted"> — {t(`keys.scope.${s}`)}</span>
                  </>
                }
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
              />
            ))}
          </div>
          {errors.scopes && (
            <p className="mt-2 text-[13px] text-danger" role="alert">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('keys.expires')} optional hint={t('keys.expiresHint')} error={errors.expires_at}>
            <Input id="key-expires" type="date" value={expires} min={new Date().toISOString().slice(0, 10)} onChange={(e) => setExpires(e.target.value)} />
          </Field>
          <Field label={t('keys.rate')} optional hint={t('keys.rateHint')} error={errors.events_per_second}>
            <Input id="key-rate" type="number" min={1} value={rate} onChange={(e) => setRate(e.target.value)} />
          </Field>
        </div>
      </form>
    </Dialog>
  );
}

function IssuedKeyDialog({ issued, rotated, onClose }: { issued: IssuedKey | null; rotated: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      open={!!issued}
      onClose={onClose}
      title={rotated ? t('keys.rotatedTitle') : t('keys.createdTitle')}
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('keys.done')}
        </Button>
      }
    >
      {issued && (
        <div className="flex flex-col gap-4">
          <div className="flex gap-3 rounded-lg border border-warning/30 bg-warning-soft p-3.5 text-sm text-fg">
            <ShieldAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
            {t('keys.shownOnce')}
          </div>
          <div>
            <p className="mb-1.5 text-[13px] font-medium text-fg">{issued.name}</p>
            <div className="flex items-center gap-2">
              <code data-testid="new-api-key" className="flex-1 overflow-x-auto rounded-lg border border-line bg-surface-2 px-3 py-2.5 font-mono text-[13px] whitespace-nowrap text-fg">
                {issued.key}
              </code>
              <CopyButton text={issued.key} size="md" />
            </div>
          </div>
          <div className="flex flex-wrap gap-1">
            {issued.scopes.map((s) => (
              <Badge key={s} tone="accent">
                {s}
              </Badge>
            ))}
          </div>
        </div>
      )}
    </Dialog>
  );
}
