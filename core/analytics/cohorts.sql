-- Cohort retention (PRODUCT.md § Cohorts and the bridge). One row per cohort and month number, every month
-- from the cohort's to as_of's: cohort = month of the first positive purchase over the whole history up to
-- as_of; customers = the cohort's customers with a positive purchase in month n after it (month 0: all of
-- them); revenue = those customers' net revenue in that month.
with
orders_to_date as not materialized (
    select customer, amount, date_trunc('month', order_date) as order_month
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

first_purchase as (
    select customer, min(order_month) as cohort_month
    from orders_to_date
    where amount > 0
    group by customer
),

customer_months as (
    select
        f.cohort_month,
        o.customer,
        date_diff('month', f.cohort_month, o.order_month) as month_number,
        sum(o.amount) as net_revenue
    from orders_to_date as o
    inner join first_purchase as f on o.customer = f.customer
    group by f.cohort_month, o.customer, o.order_month
    -- retained: a positive purchase that month; a month with only returns is not a month of buying
    having bool_or(o.amount > 0)
),

retained as (
    select cohort_month, month_number, count(*)::bigint as customers, sum(net_revenue) as revenue
    from customer_months
    group by cohort_month, month_number
),

every_month as (
    select
        cohort_month,
        unnest(range(0, date_diff('month', cohort_month, date_trunc('month', $as_of::date)) + 1)) as month_number
    from (select distinct cohort_month from first_purchase) as cohorts
)

select
    strftime(e.cohort_month, '%Y-%m') as cohort,
    e.month_number::bigint as month,
    coalesce(r.customers, 0)::bigint as customers,
    coalesce(r.revenue, 0)::decimal(18, 2) as revenue
from every_month as e
left join retained as r on e.cohort_month = r.cohort_month and e.month_number = r.month_number
order by cohort, month
