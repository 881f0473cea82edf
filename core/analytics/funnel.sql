-- Pipeline funnel (PRODUCT.md § Funnel conversion). One row per group and funnel stage: the open
-- stages in $open_stages order, then the won stage. Without $dimension there is one group (null).
with
opportunities as (
    select
        -- $dimension comes from FUNNEL_BREAKDOWNS and is compared as a value: no identifier is built
        case $dimension
            when 'owner' then owner
            when 'team' then team
            when 'region' then region
        end as group_value,
        stage,
        nullif(trim(lost_stage), '') as lost_stage,
        coalesce(amount, 0) as amount
    from filtered_pipeline($region, $team, $account_manager, $scope_region, $scope_account_manager)
),

funnel_stages as (
    select unnest(open_stages) as stage, 'open' as kind, unnest(range(1, len(open_stages) + 1)) as position
    from (select $open_stages::varchar[] as open_stages) as stage_list
    union all
    select ($won_stages::varchar[])[1] as stage, 'won' as kind, len($open_stages::varchar[]) + 1 as position
    where len($won_stages::varchar[]) > 0
),

furthest_reached as (
    select
        group_value,
        amount,
        case
            -- won ones went through every stage
            when list_contains($won_stages::varchar[], stage) then len($open_stages::varchar[]) + 1
            -- lost ones reached the stage they were lost at, when the export says so, else only the first
            when list_contains($lost_stages::varchar[], stage)
                then coalesce(list_position($open_stages::varchar[], lost_stage), 1)
            else list_position($open_stages::varchar[], stage)
        end as furthest_position
    from opportunities
),

funnel_groups as (
    select distinct group_value
    from opportunities
),

reached_per_stage as (
    select
        g.group_value,
        s.position,
        s.stage,
        s.kind,
        count(o.furthest_position)::bigint as reached,
        coalesce(sum(o.amount), 0) as reached_amount
    from funnel_groups as g
    cross join funnel_stages as s
    left join furthest_reached as o
        on o.group_value is not distinct from g.group_value
        and s.position <= o.furthest_position
    group by g.group_value, s.position, s.stage, s.kind
),

stage_conversion as (
    select
        *,
        -- the first stage has no stage before it: its conversion is null, not 100%
        reached / nullif(lag(reached) over by_position, 0) as conversion,
        reached_amount / nullif(lag(reached_amount) over by_position, 0) as amount_conversion
    from reached_per_stage
    window by_position as (partition by group_value order by position)
)

select group_value, position, stage, kind, reached, reached_amount, conversion, amount_conversion
from stage_conversion
order by group_value asc nulls last, position asc
