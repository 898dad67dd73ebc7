/** Outlines the offline drafter's tests share. */

/** An English outline with nested bullets, a proper noun, and all three media blocks mid-section. */
export const english = `---
title: What is AIGC
audience: beginners
length: 320
---

Explain what AIGC is and where it is used.

## Text generation
- News reports, articles and blog posts
  - sports results
  - earnings summaries
- assistants' replies in chat tools
- Astro sites can be drafted from outlines

\`\`\`figure
A generator and a discriminator network competing, "quoted" & <tagged>  
with a second line and \`backticks\`
\`\`\`

- code explanations for developers

## Image generation
- diffusion models
- style transfer with OpenAI tools

\`\`\`diagram
outline -> article -> narration
\`\`\`

\`\`\`dot
digraph { rankdir=LR; a -> b [label="x{y}"]; }
\`\`\`

## Risks and limits
- made-up facts
- copyright questions
- the need for human review
`;

/** A Chinese outline: Chinese prose, full-width punctuation, a nested bullet and a figure. */
export const chinese = `---
title: 什么是AIGC
lang: zh-CN
audience: 初学者
length: 420
---

向初学者介绍什么是AIGC,以及它能做什么。

## 文本生成
- 新闻报道、文章和博客
  - 体育赛事结果
- AI可以根据提示写出完整的回复
- 聊天助手

## 图像生成
- 扩散模型
- 风格迁移

\`\`\`figure
一个机器人在画画
\`\`\`

## 风险与局限
- 编造事实
- 版权问题
`;
