import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Leaderboard } from '@contract/walk'
import { useSessionStore } from '@/shared/session/session-store'
import { loginResult } from '../../../../tests/setup/fixtures'
import { reply, restoreHttp, stubHttp, type StubRequest } from '../../../../tests/setup/http-stub'
import { LeaderboardCard } from '../components/leaderboard'

const people: Leaderboard = {
  period: 'today',
  board: 'people',
  sort: 'average',
  from: '2027-02-08',
  people: [
    { rank: 1, personId: 'p-1', name: '刘阳', team: '后勤保障处', steps: 15_000, likes: 2, likedByMe: false },
    { rank: 2, personId: 'p-me', name: '张建国', team: '计算机学院', steps: 8765, likes: 0, likedByMe: false },
  ],
  departments: [],
  me: { rank: 2, steps: 8765, gapToNext: 6236 },
}
const departments: Leaderboard = {
  ...people,
  board: 'departments',
  people: [],
  me: null,
  departments: [
    { rank: 1, team: '后勤保障处', members: 1, total: 15_000, average: 15_000 },
    { rank: 2, team: '计算机学院', members: 2, total: 12_000, average: 6000 },
  ],
}

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 30))
  })
}

let requests: StubRequest[]
beforeEach(() => {
  useSessionStore.getState().signIn(loginResult({ accessToken: 'tok-walk' }))
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  let likes = 2
  requests = stubHttp((request) => {
    if (request.url.includes('/likes')) return reply.json(200, { likes: (likes += 1), likedByMe: true })
    if (request.url.includes('board=departments')) return reply.json(200, departments)
    return reply.json(200, people)
  }).requests
})

afterEach(async () => {
  await settle()
  restoreHttp()
  jest.restoreAllMocks()
})

test('shows the people, my place and the gap, and takes one like per person', async () => {
  render(<LeaderboardCard challengeId="demo-walk" myId="p-me" canLike version={0} />)
  expect(await screen.findByText('刘阳')).toBeInTheDocument()
  expect(screen.getByText('张建国（我）')).toBeInTheDocument()
  expect(screen.getByText(/今日我第 2 名/)).toHaveTextContent('距上一名还差 6,236 步')
  expect(screen.getByText('15,000')).toBeInTheDocument()

  // 刘阳's heart (my own row has one too, which does nothing)
  const [theirs, mine] = screen.getAllByText('♡')
  fireEvent.click(mine!.parentElement!)
  fireEvent.click(theirs!.parentElement!)
  await waitFor(() => expect(screen.getByText('3')).toBeInTheDocument())
  fireEvent.click(screen.getByText('♥').parentElement!)
  await settle()
  expect(requests.filter((request) => request.url.includes('/likes')).map((request) => request.body)).toEqual([{ personId: 'p-1' }])
})

test('departments: by average per member, with members and totals', async () => {
  render(<LeaderboardCard challengeId="demo-walk" myId="p-me" canLike version={0} />)
  await screen.findByText('刘阳')
  fireEvent.click(screen.getByText('部门'))
  expect(await screen.findByText('2 人 · 总数 12,000')).toBeInTheDocument()
  expect(screen.getByText('6,000')).toBeInTheDocument()
  expect(requests.at(-1)!.url).toContain('board=departments&sort=average')
})
