/**
 * 工程项目 — construction projects of the inspector's towns (`#/inspector/projects/index`;
 * docs/projects.md): a list with search; `?id=<uuid>` shows one project (project-detail.tsx).
 * Admins import the housing department's permit list here (CSV pasted or chosen as a file).
 *
 * BROWSER-TEST SELECTORS: #project-map (H5: Leaflet, .project-marker dots), #projects-search input, #projects-search-submit, .project-row
 * (data-permit) with .project-open buttons, #projects-empty, #projects-error; admins:
 * #projects-import-csv textarea, #projects-import-submit, #projects-import-result (role=status /
 * alert, data-ok)
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { Project, ProjectList } from '@huxin/shared/schemas/project'
import { PROJECT_DEPOSIT_STATUS_LABELS } from '@huxin/shared/schemas/project'
import { townName } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { TextField } from '../../components/text-field'
import { staffApi } from '../api'
import { ProjectMap } from '../components/project-map'
import { INSPECTOR_PAGES } from '../routes'
import { ProjectDetailView } from './project-detail'
import { postCsv, type UploadOutcome } from './uploads'
import '../../components/form.css'
import '../inspector.css'

const projectUrl = (id: string) => `${INSPECTOR_PAGES.projects}?id=${encodeURIComponent(id)}`

export default function ProjectsPage() {
  const id = useRouter().params.id
  return id ? <ProjectDetailView id={id} /> : <ProjectListView />
}

function ProjectListView() {
  const [items, setItems] = useState<Project[]>([])
  const [loaded, setLoaded] = useState(false)
  const [q, setQ] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [csv, setCsv] = useState('')
  const [result, setResult] = useState<UploadOutcome | undefined>()
  const isAdmin = staffApi.session.current()?.user.role === 'admin'

  async function load(query = q) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    try {
      const page = await staffApi.call<ProjectList>('GET', `/api/v1/projects?limit=100${query.trim() ? `&q=${encodeURIComponent(query.trim())}` : ''}`)
      setItems(page.items)
      setError(undefined)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
    setLoaded(true)
  }
  useDidShow(() => {
    void load()
  })

  async function importList() {
    setResult(await postCsv('/api/v1/projects/import', csv, (json) => `已导入 ${String(json.imported)} 个项目`))
    await load()
  }

  return (
    <View className='page inspector' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>工程项目</Heading>
        <View className='inspector-actions'>
          <ActionButton id='go-employers' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.employers })}>
            单位名录
          </ActionButton>
          <ActionButton className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
            返回案件
          </ActionButton>
        </View>
      </View>
      <View className='inspector-card'>
        <TextField id='projects-search' label='搜索项目' hint='项目名称、施工许可证号或施工总承包单位' error={undefined} value={q} onInput={setQ} />
        <ActionButton id='projects-search-submit' className='hx-button hx-button--secondary' onClick={() => void load()}>
          搜索
        </ActionButton>
      </View>
      {error ? (
        <View className='notice notice--error' id='projects-error' role='alert'>
          {error}
        </View>
      ) : null}
      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          项目列表
        </Heading>
        {loaded && items.length === 0 ? (
          <View id='projects-empty' className='inspector-muted'>
            没有项目
          </View>
        ) : null}
        {items.map((p) => (
          <View key={p.id} className='account-row project-row' data-permit={p.permitNumber}>
            <View>
              <View className='triage-reference'>{p.name}</View>
              <View className='inspector-muted'>
                {p.permitNumber} · {townName(p.town) ?? p.town} · 总包 {p.generalContractor.name} · 保证金{PROJECT_DEPOSIT_STATUS_LABELS[p.deposit.status]}
              </View>
            </View>
            <ActionButton className='inspector-link project-open' onClick={() => void Taro.navigateTo({ url: projectUrl(p.id) })}>
              查看
            </ActionButton>
          </View>
        ))}
      </View>
      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          项目地图
        </Heading>
        <ProjectMap projects={items} onOpen={(projectId) => void Taro.navigateTo({ url: projectUrl(projectId) })} />
      </View>
      {isAdmin ? (
        <View className='inspector-card'>
          <Heading level={2} className='inspector-heading'>
            导入施工许可证清单（CSV）
          </Heading>
          <TextField
            id='projects-import-csv'
            label='CSV 内容'
            hint='首行为列名，如：施工许可证号,项目名称,镇街,建设单位,施工总承包单位,发证日期'
            error={undefined}
            value={csv}
            onInput={setCsv}
            multiline
          />
          <ActionButton id='projects-import-submit' className='hx-button hx-button--primary' onClick={() => void importList()}>
            导入
          </ActionButton>
          {result ? (
            <View
              id='projects-import-result'
              data-ok={result.ok ? 'true' : 'false'}
              role={result.ok ? 'status' : 'alert'}
              aria-live='polite'
              className={`notice ${result.ok ? 'notice--info' : 'notice--error'} pre-line`}
            >
              {result.message}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
