/**
 * H5 at ≥ 1024 px: the queue as a dense native table — one line per claim, 20+ claims in the first
 * 1280×800 screen. Column headings are buttons that sort on the server (aria-sort says how). The
 * reference is a real link (keyboard, new tab); the whole row opens the claim on click.
 *
 * BROWSER-TEST SELECTORS: #desk-table, .desk-row (data-reference, data-id), .desk-sort (data-sort),
 * .desk-priority (data-level), .desk-confidential, .desk-open
 */
import { priorityView } from '@huxin/shared/domain/triage-priority'
import type { TriageSort } from '@huxin/shared/schemas/casework'
import { holderText, money, shanghaiDay } from '../format'
import { workingDaysText } from '../case'
import { inspectorClaimUrl } from '../routes'
import { triageFacts } from '../components/intake-link'
import { SORT_LABELS } from './desk-state'
import type { DeskTableProps } from './desk-table.types'
import './desk.css'

const COLUMNS: { sort: TriageSort | undefined; label: string; className: string }[] = [
  { sort: 'priority', label: SORT_LABELS.priority, className: 'desk-col-priority' },
  { sort: 'reference', label: SORT_LABELS.reference, className: 'desk-col-reference' },
  { sort: 'employer', label: SORT_LABELS.employer, className: 'desk-col-employer' },
  { sort: 'workers', label: SORT_LABELS.workers, className: 'desk-col-num' },
  { sort: 'amount', label: SORT_LABELS.amount, className: 'desk-col-num' },
  { sort: 'deadline', label: SORT_LABELS.deadline, className: 'desk-col-deadline' },
  { sort: undefined, label: '原因', className: 'desk-col-reasons' },
  { sort: undefined, label: '承办', className: 'desk-col-holder' },
]

export function DeskTable({ rows, me, sort, order, sortable, onSort, onOpen }: DeskTableProps) {
  return (
    <table id='desk-table' className='desk-table'>
      <caption className='desk-caption'>待办案件（每行一件，点击打开）</caption>
      <thead>
        <tr>
          {COLUMNS.map((column) => {
            const active = sortable && column.sort === sort
            return (
              <th
                key={column.label}
                scope='col'
                className={column.className}
                aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {sortable && column.sort ? (
                  <button type='button' className='desk-sort' data-sort={column.sort} onClick={() => column.sort && onSort(column.sort)}>
                    {column.label}
                    <span aria-hidden='true'>{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const view = row.priority !== undefined && row.reasons ? priorityView({ priority: row.priority, reasons: row.reasons }) : undefined
          const due = row.reasons?.find((r) => r.code === 'deadline' || r.code === 'overdue')
          const reasons = view ? view.reasons.filter((label) => !label.startsWith('距受理期限') && !label.startsWith('已超过受理期限')) : []
          return (
            <tr key={row.id} className='desk-row' data-reference={row.reference} data-id={row.id} onClick={() => onOpen(row)}>
              <td className='desk-col-priority'>
                {view ? (
                  <span className={`desk-priority desk-priority--${view.level}`} data-level={view.level}>
                    {view.label}
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td className='desk-col-reference'>
                <a
                  className='desk-open'
                  href={`#${inspectorClaimUrl(row.id)}`}
                  onClick={(event) => {
                    event.preventDefault()
                    event.stopPropagation()
                    onOpen(row)
                  }}
                >
                  {row.reference}
                </a>
              </td>
              <td className='desk-col-employer' title={row.employer.name}>
                {row.confidential ? (
                  <span className='desk-confidential' title='投诉人要求保密'>
                    保密
                  </span>
                ) : null}
                {row.employer.name}
                {row.caseType === 'report' || row.caseType === 'inspection' ? <span className='desk-case-kind'>（{triageFacts(row).split(' · ').slice(1, 3).join(' · ')}）</span> : null}
              </td>
              <td className='desk-col-num'>{row.isGroupCase ? `${row.workersCount}（群体）` : row.workersCount}</td>
              <td className='desk-col-num'>{row.caseType === 'complaint' || row.amountOwedFen > 0 ? money(row.amountOwedFen) : '—'}</td>
              <td className={`desk-col-deadline${due?.code === 'overdue' ? ' desk-overdue' : ''}`}>
                {shanghaiDay(row.acceptDueAt)}
                {due ? ` · ${workingDaysText(due.workingDaysLeft) ?? ''}` : ''}
              </td>
              <td className='desk-col-reasons' title={reasons.join('；')}>
                {reasons.join('；') || '—'}
              </td>
              <td className='desk-col-holder'>{holderText(row.assigneeId, me)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
